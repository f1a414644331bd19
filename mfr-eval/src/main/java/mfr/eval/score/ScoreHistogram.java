package mfr.eval.score;

import java.util.Arrays;

/**
 * Counts of similarity scores in equal-width bins over [-1, 1]: bin {@code b} holds the scores s with
 * {@code lower(b) <= s < lower(b + 1)}; scores outside [-1, 1] (rounding of unit vectors) fall into the end bins.
 * Counts are exact; only the threshold resolution is the bin width, so the memory stays fixed however many scores
 * are added.
 */
public final class ScoreHistogram {
    /** Default resolution: 65,536 bins, width 2^-15 (about 3.1e-5). */
    public static final int DEFAULT_BINS = 1 << 16;

    private final long[] counts;
    private long total;

    public ScoreHistogram(int bins) {
        if (bins < 2 || bins > (1 << 24)) {
            throw new IllegalArgumentException("bins must be in [2, 2^24], got " + bins);
        }
        this.counts = new long[bins];
    }

    public ScoreHistogram() {
        this(DEFAULT_BINS);
    }

    /** A histogram holding these counts (copied). */
    public static ScoreHistogram ofCounts(long[] counts) {
        ScoreHistogram h = new ScoreHistogram(counts.length);
        for (int i = 0; i < counts.length; i++) {
            h.counts[i] = counts[i];
            h.total += counts[i];
        }
        return h;
    }

    public int bins() {
        return counts.length;
    }

    /** Bins per unit of score: a score s goes to bin floor((s + 1) * scale()). */
    public float scale() {
        return counts.length / 2f;
    }

    public int binOf(double score) {
        int b = (int) Math.floor((score + 1) * (counts.length / 2.0));
        return Math.max(0, Math.min(counts.length - 1, b));
    }

    /** The lowest score of bin {@code b} (b may be {@code bins()}, giving 1). */
    public double lower(int b) {
        return b * (2.0 / counts.length) - 1;
    }

    public double width() {
        return 2.0 / counts.length;
    }

    public void add(double score) {
        counts[binOf(score)]++;
        total++;
    }

    public void add(double[] scores) {
        for (double s : scores) {
            add(s);
        }
    }

    /** Adds per-bin counts (an int histogram of the same size, as the scoring kernels keep). */
    public void addCounts(int[] binCounts, int offset) {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            int c = binCounts[offset + i];
            counts[i] += c;
            sum += c;
        }
        total += sum;
    }

    public void merge(ScoreHistogram other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException("histograms of different resolutions");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    /** The same counts in {@code bins} coarser bins ({@code bins()} must be a multiple of it). */
    public ScoreHistogram rebin(int bins) {
        if (bins <= 0 || counts.length % bins != 0) {
            throw new IllegalArgumentException(counts.length + " bins cannot be merged into " + bins);
        }
        ScoreHistogram h = new ScoreHistogram(bins);
        int f = counts.length / bins;
        for (int i = 0; i < counts.length; i++) {
            h.counts[i / f] += counts[i];
        }
        h.total = total;
        return h;
    }

    public long count(int bin) {
        return counts[bin];
    }

    public long total() {
        return total;
    }

    /** Scores in bins {@code >= bin}: those accepted at threshold {@code lower(bin)}. */
    public long[] countsAtOrAbove() {
        long[] out = new long[counts.length + 1];
        for (int i = counts.length - 1; i >= 0; i--) {
            out[i] = out[i + 1] + counts[i];
        }
        return out;
    }

    public long[] counts() {
        return counts.clone();
    }

    /** Mean of the scores, taking each at its bin centre. */
    public double mean() {
        double s = 0;
        for (int i = 0; i < counts.length; i++) {
            s += counts[i] * (lower(i) + width() / 2);
        }
        return total == 0 ? Double.NaN : s / total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreHistogram h && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
