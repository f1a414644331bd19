package mfr.data.clean;

import java.util.List;
import mfr.data.index.CoarseQuantizer;

/**
 * Runs the two data-parallel parts of cleaning. Both engines run the same functions ({@link IdentityCleaner#clean},
 * {@link #pairsInCell}), so for the same input they return the same answer.
 */
public interface CleaningEngine extends AutoCloseable {
    String name();

    /** Intra-class cleaning of each identity (index-aligned with the input). */
    List<SampleStatus[]> cleanIdentities(List<float[][]> identities, CleanConfig config);

    /**
     * Pairs (i, j), i &lt; j, of centres sharing a coarse cell whose cosine is at least {@code threshold}, encoded as
     * {@code (long) i << 32 | j}, sorted ascending and without repeats.
     */
    long[] candidatePairs(float[][] centres, CoarseQuantizer quantizer, int nprobe, double threshold);

    @Override
    void close();

    /** The pairs of one cell's members at or above the threshold (members in ascending order). */
    static long[] pairsInCell(int[] members, float[][] centres, double threshold) {
        long[] out = new long[16];
        int n = 0;
        for (int a = 0; a < members.length; a++) {
            float[] va = centres[members[a]];
            for (int b = a + 1; b < members.length; b++) {
                if (UnitVectors.dot(va, centres[members[b]]) >= threshold) {
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = (long) members[a] << 32 | members[b];
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
