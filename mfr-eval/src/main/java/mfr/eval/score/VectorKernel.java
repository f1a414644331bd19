package mfr.eval.score;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernel on the Vector API: a register tile of 4 rows by 4 vectors of columns (16 accumulators; 64 columns
 * with AVX-512) runs over a transposed panel of the columns, so every dot product is accumulated lane-wise with no
 * horizontal reduction. The finished tile is stored and binned by {@link Tiles#bin} (measured: binning with vector
 * conversions, or passing vectors to a method that is not inlined, cost 2-3x the whole matrix product on JDK 17). Loaded only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorKernel implements PairKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class).check(int.class);
    private static final int L = F.length();
    private static final int PW = 4 * L;
    private float[] panel = new float[0];
    private final float[] acc = new float[4 * PW];

    static boolean usable() {
        return L >= 4 && PairKernel.ROW_ALIGN % PW == 0;
    }

    @Override
    public String name() {
        return "vector-" + F.vectorBitSize() + "bit";
    }

    @Override
    public void block(Matrix m, int i0, int i1, int j0, int j1, int[] hist, int bins) {
        int d = m.d();
        int n = m.n();
        float[] data = m.data();
        if (panel.length < PW * d) {
            panel = new float[PW * d];
        }
        float[] pn = panel;
        for (int jp = j0; jp < j1 && jp < n; jp += PW) {
            int iEnd = Math.min(i1, Math.min(n, jp + PW - 1));
            if (i0 >= iEnd) {
                continue;
            }
            Panels.pack(data, d, jp, PW, pn);
            for (int ip = i0; ip < iEnd; ip += 4) {
                FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00, c03 = c00;
                FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
                FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
                FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
                int a0 = ip * d;
                int a1 = a0 + d;
                int a2 = a1 + d;
                int a3 = a2 + d;
                for (int k = 0, p = 0; k < d; k++, p += PW) {
                    FloatVector b0 = FloatVector.fromArray(F, pn, p);
                    FloatVector b1 = FloatVector.fromArray(F, pn, p + L);
                    FloatVector b2 = FloatVector.fromArray(F, pn, p + 2 * L);
                    FloatVector b3 = FloatVector.fromArray(F, pn, p + 3 * L);
                    FloatVector x = FloatVector.broadcast(F, data[a0 + k]);
                    c00 = x.fma(b0, c00);
                    c01 = x.fma(b1, c01);
                    c02 = x.fma(b2, c02);
                    c03 = x.fma(b3, c03);
                    x = FloatVector.broadcast(F, data[a1 + k]);
                    c10 = x.fma(b0, c10);
                    c11 = x.fma(b1, c11);
                    c12 = x.fma(b2, c12);
                    c13 = x.fma(b3, c13);
                    x = FloatVector.broadcast(F, data[a2 + k]);
                    c20 = x.fma(b0, c20);
                    c21 = x.fma(b1, c21);
                    c22 = x.fma(b2, c22);
                    c23 = x.fma(b3, c23);
                    x = FloatVector.broadcast(F, data[a3 + k]);
                    c30 = x.fma(b0, c30);
                    c31 = x.fma(b1, c31);
                    c32 = x.fma(b2, c32);
                    c33 = x.fma(b3, c33);
                }
                // Vectors never cross a method call (that would box them): store the tile, then bin it.
                float[] ac = acc;
                c00.intoArray(ac, 0);
                c01.intoArray(ac, L);
                c02.intoArray(ac, 2 * L);
                c03.intoArray(ac, 3 * L);
                c10.intoArray(ac, PW);
                c11.intoArray(ac, PW + L);
                c12.intoArray(ac, PW + 2 * L);
                c13.intoArray(ac, PW + 3 * L);
                c20.intoArray(ac, 2 * PW);
                c21.intoArray(ac, 2 * PW + L);
                c22.intoArray(ac, 2 * PW + 2 * L);
                c23.intoArray(ac, 2 * PW + 3 * L);
                c30.intoArray(ac, 3 * PW);
                c31.intoArray(ac, 3 * PW + L);
                c32.intoArray(ac, 3 * PW + 2 * L);
                c33.intoArray(ac, 3 * PW + 3 * L);
                Tiles.bin(m, ac, ip, 4, jp, PW, ip + 4 <= jp && jp + PW <= n, hist, bins);
            }
        }
    }
}
