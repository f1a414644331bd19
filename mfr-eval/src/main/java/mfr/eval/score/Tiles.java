package mfr.eval.score;

/** Bins a finished tile of scores, shared by the kernels so that they bin identically. */
final class Tiles {
    private Tiles() {
    }

    /**
     * Bins {@code rows x width} scores ({@code tile[r * width + c]} is the score of row {@code i0 + r} and column
     * {@code j0 + c}). With {@code full}, every pair of the tile is known to satisfy {@code i < j < n}.
     */
    static void bin(PairKernel.Matrix m, float[] tile, int i0, int rows, int j0, int width, boolean full, int[] hist,
                    int bins) {
        int[] labels = m.labels();
        int n = m.n();
        float scale = bins / 2f;
        int top = bins - 1;
        for (int r = 0; r < rows; r++) {
            int i = i0 + r;
            if (i >= n) {
                return;
            }
            int li = labels[i];
            int o = r * width;
            for (int c = 0; c < width; c++) {
                int j = j0 + c;
                if (!full && (j <= i || j >= n)) {
                    continue;
                }
                int b = (int) Math.fma(tile[o + c], scale, scale);
                b = Math.max(0, Math.min(top, b));
                hist[labels[j] == li ? b + bins : b]++;
            }
        }
    }
}
