package mfr.eval.score;

/** Plain-Java kernel, used when the JVM lacks the Vector API module; the inner loop is left to auto-vectorisation. */
final class ScalarKernel implements PairKernel {
    private static final int PW = 64;
    private static final int MR = 4;
    private float[] panel = new float[0];
    private final float[] acc = new float[MR * PW];

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void block(Matrix m, int i0, int i1, int j0, int j1, int[] hist, int bins) {
        int d = m.d();
        int n = m.n();
        float[] data = m.data();
        if (panel.length < PW * d) {
            panel = new float[PW * d];
        }
        for (int jp = j0; jp < j1 && jp < n; jp += PW) {
            int iEnd = Math.min(i1, Math.min(n, jp + PW - 1));
            if (i0 >= iEnd) {
                continue;
            }
            Panels.pack(data, d, jp, PW, panel);
            for (int ip = i0; ip < iEnd; ip += MR) {
                java.util.Arrays.fill(acc, 0f);
                for (int r = 0; r < MR; r++) {
                    int a = (ip + r) * d;
                    int o = r * PW;
                    for (int k = 0, p = 0; k < d; k++, p += PW) {
                        float x = data[a + k];
                        for (int c = 0; c < PW; c++) {
                            acc[o + c] = Math.fma(x, panel[p + c], acc[o + c]);
                        }
                    }
                }
                Tiles.bin(m, acc, ip, MR, jp, PW, ip + MR <= jp && jp + PW <= n, hist, bins);
            }
        }
    }
}
