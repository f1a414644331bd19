package mfr.eval.metric;

/**
 * True-accept rate at a target false-accept rate.
 *
 * @param targetFar  the FAR asked for
 * @param measurable false when there are fewer than 1/targetFar impostor pairs: the rate cannot be resolved
 * @param threshold  the lowest threshold whose FAR does not exceed the target (accept when score >= threshold)
 * @param far        the FAR actually reached at that threshold (at most the target)
 * @param tar        the TAR at that threshold
 * @param note       why it is not measurable, or null
 */
public record TarAtFar(double targetFar, boolean measurable, double threshold, double far, double tar, String note) {
    /** The FARs the MFR challenge and the paper report: 1e-1 down to 1e-6. */
    public static final double[] STANDARD = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6};

    public static TarAtFar of(ScoreCounts c, double targetFar) {
        long impostors = c.impostorTotal();
        long needed = (long) Math.ceil(1 / targetFar - 1e-9);
        if (impostors < needed) {
            return new TarAtFar(targetFar, false, Double.NaN, Double.NaN, Double.NaN, String.format(
                    java.util.Locale.ROOT, "not measurable: FAR %.0e needs at least %d impostor pairs, there are %d",
                    targetFar, needed, impostors));
        }
        long allowed = (long) Math.floor(targetFar * impostors + 1e-9);
        // FAR falls as the threshold rises: the first threshold accepting at most `allowed` impostors.
        int lo = 0;
        int hi = c.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.impostorAccepted(mid) <= allowed) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return new TarAtFar(targetFar, true, c.threshold(lo), c.far(lo), c.tar(lo), null);
    }
}
