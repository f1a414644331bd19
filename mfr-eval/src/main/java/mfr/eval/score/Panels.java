package mfr.eval.score;

/** Packs a panel of consecutive rows transposed ({@code panel[k * width + c] = row(j0 + c)[k]}) for the kernels. */
final class Panels {
    private Panels() {
    }

    static void pack(float[] data, int d, int j0, int width, float[] panel) {
        for (int c = 0; c < width; c++) {
            int src = (j0 + c) * d;
            for (int k = 0; k < d; k++) {
                panel[k * width + c] = data[src + k];
            }
        }
    }
}
