package mfr.eval.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * The verification judgement of one set of genuine and impostor scores: TAR at the standard FARs, EER, best
 * accuracy and its threshold, and a ROC curve thinned for plotting.
 *
 * @param genuinePairs  number of genuine pairs
 * @param impostorPairs number of impostor pairs
 * @param exact         whether thresholds are exact scores (false: histogram bin edges)
 * @param tarAtFar      TAR at each FAR of {@link TarAtFar#STANDARD}
 * @param eer           equal error rate (where FAR and FRR cross), with its threshold
 * @param bestAccuracy  the highest fraction of pairs decided right, over all thresholds
 * @param bestThreshold the threshold reaching it
 * @param roc           ROC points, at most about {@value #ROC_POINTS}, from high FAR to low
 */
public record VerificationMetrics(long genuinePairs, long impostorPairs, boolean exact, List<TarAtFar> tarAtFar,
                                  double eer, double eerThreshold, double bestAccuracy, double bestThreshold,
                                  List<RocPoint> roc) {
    public static final int ROC_POINTS = 400;

    /** One point of the ROC curve. */
    public record RocPoint(double threshold, double far, double tar) {
    }

    public static VerificationMetrics of(ScoreCounts c) {
        return of(c, TarAtFar.STANDARD);
    }

    public static VerificationMetrics of(ScoreCounts c, double[] fars) {
        List<TarAtFar> taf = new ArrayList<>();
        for (double f : fars) {
            taf.add(TarAtFar.of(c, f));
        }
        long g = c.genuineTotal();
        long im = c.impostorTotal();
        // EER: the threshold where FRR - FAR changes sign (FRR rises, FAR falls with the threshold).
        double eer = Double.NaN;
        double eerT = Double.NaN;
        double bestAcc = -1;
        double bestT = Double.NaN;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < c.size(); k++) {
            double far = c.far(k);
            double frr = 1 - c.tar(k);
            if (g > 0 && im > 0 && Math.abs(far - frr) < bestGap) {
                bestGap = Math.abs(far - frr);
                eer = (far + frr) / 2;
                eerT = c.threshold(k);
            }
            double acc = (c.genuineAccepted(k) + (im - c.impostorAccepted(k))) / (double) (g + im);
            if (acc > bestAcc) {
                bestAcc = acc;
                bestT = c.threshold(k);
            }
        }
        return new VerificationMetrics(g, im, c.exact(), List.copyOf(taf), eer, eerT, bestAcc, bestT, roc(c));
    }

    /** ROC points thinned on a log-FAR grid (and a linear TAR grid) so that plots stay light. */
    static List<RocPoint> roc(ScoreCounts c) {
        List<RocPoint> out = new ArrayList<>();
        double lastLogFar = Double.NaN;
        double lastTar = Double.NaN;
        double step = 8.0 / ROC_POINTS * 2;
        for (int k = 0; k < c.size(); k++) {
            double far = c.far(k);
            double tar = c.tar(k);
            if (Double.isNaN(far) || Double.isNaN(tar)) {
                continue;
            }
            double lf = far > 0 ? Math.log10(far) : -12;
            boolean last = k == c.size() - 1;
            if (out.isEmpty() || last || Math.abs(lf - lastLogFar) >= step || Math.abs(tar - lastTar) >= 2.0 / ROC_POINTS) {
                out.add(new RocPoint(c.threshold(k), far, tar));
                lastLogFar = lf;
                lastTar = tar;
            }
        }
        return List.copyOf(out);
    }

    /** The entry for a target FAR, or null. */
    public TarAtFar at(double far) {
        return tarAtFar.stream().filter(t -> t.targetFar() == far).findFirst().orElse(null);
    }
}
