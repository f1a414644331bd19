package mfr.data.index;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import mfr.data.clean.UnitVectors;

/**
 * An inverted-file coarse quantizer over unit vectors: spherical k-means cells, and for each vector its
 * {@code nprobe} nearest cells. Two vectors that share a cell become candidate neighbours, so neighbour search
 * costs about {@code nprobe^2 * N^1.5} products instead of N^2/2. Deterministic for a seed. Serializable, so Spark
 * executors receive it whole.
 */
public final class CoarseQuantizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** k-means is trained on at most this many vectors (a seeded sample). */
    public static final int MAX_TRAINING = 20_000;
    private static final int ITERATIONS = 8;

    private final float[][] cells;

    private CoarseQuantizer(float[][] cells) {
        this.cells = cells;
    }

    /** Trains about sqrt(N) cells. */
    public static CoarseQuantizer train(float[][] vectors, long seed) {
        int k = Math.max(1, (int) Math.round(Math.sqrt(vectors.length)));
        return train(vectors, k, seed);
    }

    public static CoarseQuantizer train(float[][] vectors, int k, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int m = Math.min(vectors.length, MAX_TRAINING);
        float[][] sample = new float[m][];
        for (int i = 0; i < m; i++) {
            sample[i] = vectors[order.get(i)];
        }
        k = Math.min(k, m);
        float[][] cells = new float[k][];
        for (int c = 0; c < k; c++) {
            cells[c] = sample[c].clone();
        }
        int dim = sample[0].length;
        for (int it = 0; it < ITERATIONS; it++) {
            float[][] sums = new float[k][dim];
            int[] counts = new int[k];
            for (float[] v : sample) {
                int c = nearest(cells, v);
                counts[c]++;
                float[] s = sums[c];
                for (int d = 0; d < dim; d++) {
                    s[d] += v[d];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    cells[c] = UnitVectors.normalize(sums[c]);
                }
            }
        }
        return new CoarseQuantizer(cells);
    }

    public int size() {
        return cells.length;
    }

    /** The {@code nprobe} cells nearest to {@code v}, nearest first (ties: lower cell first). */
    public int[] assign(float[] v, int nprobe) {
        int p = Math.min(nprobe, cells.length);
        int[] best = new int[p];
        float[] score = new float[p];
        java.util.Arrays.fill(score, -Float.MAX_VALUE);
        java.util.Arrays.fill(best, -1);
        for (int c = 0; c < cells.length; c++) {
            float s = UnitVectors.dot(cells[c], v);
            if (s > score[p - 1]) {
                int j = p - 1;
                while (j > 0 && s > score[j - 1]) {
                    score[j] = score[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                score[j] = s;
                best[j] = c;
            }
        }
        return best;
    }

    private static int nearest(float[][] cells, float[] v) {
        int best = 0;
        float max = -Float.MAX_VALUE;
        for (int c = 0; c < cells.length; c++) {
            float s = UnitVectors.dot(cells[c], v);
            if (s > max) {
                max = s;
                best = c;
            }
        }
        return best;
    }
}
