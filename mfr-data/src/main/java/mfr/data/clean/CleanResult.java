package mfr.data.clean;

import java.util.List;
import java.util.Map;

/**
 * The outcome of cleaning.
 *
 * @param status         per sample: kept, outlier, duplicate, split off, ...
 * @param finalLabel     per sample: its label after splits and merges (null for removed samples)
 * @param merges         merged (or dropped) identity label to the label it joined
 * @param splits         new labels created by splitting, to the label they came from
 * @param relabelled     samples given another identity's label ({@link SampleStatus#RELABELLED}), by index, to the
 *                       label they joined (before later merges; {@code finalLabel} has the final one)
 * @param mergeThresholds the centre cosines used for merging, by the smaller identity's size: 1, 2, 3+ samples
 * @param rounds         per round: what changed
 */
public record CleanResult(SampleStatus[] status, String[] finalLabel, Map<String, String> merges,
                          Map<String, String> splits, Map<Integer, String> relabelled, double[] mergeThresholds, List<Round> rounds) {
    /** What one round changed. */
    public record Round(int round, int outliers, int duplicates, int splits, int minorClusters, int relabelled,
                        int merges, int droppedIdentities, long candidatePairs, double seconds) {
        public boolean changed() {
            return outliers + duplicates + splits + minorClusters + relabelled + merges + droppedIdentities > 0;
        }
    }

    public long count(SampleStatus s) {
        long n = 0;
        for (SampleStatus x : status) {
            n += x == s ? 1 : 0;
        }
        return n;
    }

    public long kept() {
        long n = 0;
        for (SampleStatus x : status) {
            n += x.removed() ? 0 : 1;
        }
        return n;
    }
}
