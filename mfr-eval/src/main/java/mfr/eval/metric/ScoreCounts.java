package mfr.eval.metric;

import java.util.Arrays;
import mfr.eval.score.ScoreHistogram;

/**
 * Genuine and impostor scores reduced to what every verification metric needs: ascending candidate thresholds and,
 * at each, how many genuine and impostor scores are accepted (score >= threshold). Built exactly from score lists
 * (every distinct score is a threshold) or from histograms (every bin edge is a threshold; counts stay exact).
 * The last threshold accepts nothing.
 */
public final class ScoreCounts {
    private final double[] thresholds;
    private final long[] genuineAccepted;
    private final long[] impostorAccepted;
    private final boolean exact;

    private ScoreCounts(double[] thresholds, long[] genuineAccepted, long[] impostorAccepted, boolean exact) {
        this.thresholds = thresholds;
        this.genuineAccepted = genuineAccepted;
        this.impostorAccepted = impostorAccepted;
        this.exact = exact;
    }

    /** Exact counts from every score. */
    public static ScoreCounts exact(double[] genuine, double[] impostor) {
        double[] g = genuine.clone();
        double[] im = impostor.clone();
        Arrays.sort(g);
        Arrays.sort(im);
        double[] all = new double[g.length + im.length + 1];
        System.arraycopy(g, 0, all, 0, g.length);
        System.arraycopy(im, 0, all, g.length, im.length);
        all[all.length - 1] = Double.POSITIVE_INFINITY;
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        double[] t = Arrays.copyOf(all, distinct);
        long[] ga = new long[distinct];
        long[] ia = new long[distinct];
        int gi = 0;
        int ii = 0;
        for (int k = 0; k < distinct; k++) {
            while (gi < g.length && g[gi] < t[k]) {
                gi++;
            }
            while (ii < im.length && im[ii] < t[k]) {
                ii++;
            }
            ga[k] = g.length - gi;
            ia[k] = im.length - ii;
        }
        return new ScoreCounts(t, ga, ia, true);
    }

    /** Counts at the bin edges of two histograms of the same resolution. */
    public static ScoreCounts of(ScoreHistogram genuine, ScoreHistogram impostor) {
        if (genuine.bins() != impostor.bins()) {
            throw new IllegalArgumentException("histograms of different resolutions");
        }
        int bins = genuine.bins();
        double[] t = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            t[b] = b == 0 ? Double.NEGATIVE_INFINITY : genuine.lower(b);
        }
        t[bins] = Double.POSITIVE_INFINITY;
        return new ScoreCounts(t, genuine.countsAtOrAbove(), impostor.countsAtOrAbove(), false);
    }

    public int size() {
        return thresholds.length;
    }

    public double threshold(int k) {
        return thresholds[k];
    }

    public long genuineAccepted(int k) {
        return genuineAccepted[k];
    }

    public long impostorAccepted(int k) {
        return impostorAccepted[k];
    }

    public long genuineTotal() {
        return genuineAccepted[0];
    }

    public long impostorTotal() {
        return impostorAccepted[0];
    }

    /** True when built from every score; false when from histograms (thresholds at bin edges). */
    public boolean exact() {
        return exact;
    }

    public double tar(int k) {
        return genuineTotal() == 0 ? Double.NaN : genuineAccepted[k] / (double) genuineTotal();
    }

    public double far(int k) {
        return impostorTotal() == 0 ? Double.NaN : impostorAccepted[k] / (double) impostorTotal();
    }

    /** Index of the lowest threshold at or above {@code t}. */
    public int indexAt(double t) {
        int k = Arrays.binarySearch(thresholds, t);
        return k >= 0 ? k : -k - 1;
    }
}
