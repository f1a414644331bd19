package mfr.eval.score;

/**
 * Scores one block of the all-pairs matrix and bins the scores. One instance per thread (it owns scratch buffers).
 *
 * <p>The matrix holds {@code rows} unit vectors of dimension {@code d}, row-major and padded with zero rows to a
 * multiple of {@link #ROW_ALIGN}. Only pairs {@code i < j < n} are counted. Each score s goes to bin
 * {@code clamp((int) fma(s, scale, scale))} of the impostor half of {@code hist} ({@code [0, bins)}) or, when the
 * labels of i and j are equal, of the genuine half ({@code [bins, 2 bins)}). Every kernel accumulates each dot product
 * in index order with fused multiply-adds, so all kernels give the same bins bit for bit.
 */
interface PairKernel {
    int ROW_ALIGN = 64;

    /** Rows {@code [i0, i1)} against columns {@code [j0, j1)}; bounds are multiples of {@link #ROW_ALIGN}. */
    void block(Matrix m, int i0, int i1, int j0, int j1, int[] hist, int bins);

    String name();

    /** The padded embedding matrix, its true row count and per-row identity labels. */
    record Matrix(float[] data, int n, int d, int[] labels) {
    }
}
