package mfr.eval.metric;

import mfr.eval.score.ScoreHistogram;

/**
 * Genuine and impostor scores of one evaluation, kept either whole (pair protocols: every score, exact thresholds)
 * or as histograms (all-pairs scoring of large sets: bounded memory, thresholds at bin edges, exact counts).
 */
public final class Scores {
    /** Most bins of the histograms drawn in reports. */
    public static final int PLOT_BINS = 256;

    private final double[] genuine;
    private final double[] impostor;
    private final ScoreHistogram genuineHist;
    private final ScoreHistogram impostorHist;

    private Scores(double[] genuine, double[] impostor, ScoreHistogram gh, ScoreHistogram ih) {
        this.genuine = genuine;
        this.impostor = impostor;
        this.genuineHist = gh;
        this.impostorHist = ih;
    }

    public static Scores exact(double[] genuine, double[] impostor) {
        return new Scores(genuine.clone(), impostor.clone(), null, null);
    }

    public static Scores histograms(ScoreHistogram genuine, ScoreHistogram impostor) {
        return new Scores(null, null, genuine, impostor);
    }

    public boolean exact() {
        return genuine != null;
    }

    public long genuineCount() {
        return exact() ? genuine.length : genuineHist.total();
    }

    public long impostorCount() {
        return exact() ? impostor.length : impostorHist.total();
    }

    public ScoreCounts counts() {
        return exact() ? ScoreCounts.exact(genuine, impostor) : ScoreCounts.of(genuineHist, impostorHist);
    }

    public VerificationMetrics metrics() {
        return VerificationMetrics.of(counts());
    }

    /**
     * Bins over [-1, 1] for plots: 64 below 2,000 scores of the smaller kind, 128 below 50,000, else
     * {@link #PLOT_BINS}, so that small sets do not draw as spikes.
     */
    public int plotBins() {
        long fewer = Math.min(genuineCount(), impostorCount());
        return fewer < 2000 ? 64 : fewer < 50000 ? 128 : PLOT_BINS;
    }

    /** Genuine scores in {@code bins} bins over [-1, 1], for plots and CSV. */
    public ScoreHistogram genuineHistogram(int bins) {
        return histogram(genuine, genuineHist, bins);
    }

    public ScoreHistogram impostorHistogram(int bins) {
        return histogram(impostor, impostorHist, bins);
    }

    private static ScoreHistogram histogram(double[] scores, ScoreHistogram h, int bins) {
        if (scores == null) {
            return h.rebin(bins);
        }
        ScoreHistogram out = new ScoreHistogram(bins);
        out.add(scores);
        return out;
    }
}
