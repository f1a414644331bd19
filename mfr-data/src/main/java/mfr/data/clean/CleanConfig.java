package mfr.data.clean;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a cleaning run, in one typed object ({@link #describe()} lists them for the log).
 *
 * @param outlierThreshold a sample whose cosine to its identity's centre (computed without it) is below this is an outlier
 * @param minClusterSize   an identity is split only when both of its clusters have at least this many samples
 * @param splitThreshold   ... and their centres' cosine is below this
 * @param splitMode        SPLIT keeps both clusters under two labels; DOMINANT keeps only the larger one
 * @param mergeThreshold   identities whose centres' cosine is at least this are the same person; NaN: derive it from
 *                         {@code mergeRate}
 * @param mergeRate        target false-merge rate per pair of distinct identities, used when mergeThreshold is NaN:
 *                         the threshold is that upper tail of the impostor distribution of centre cosines; NaN
 *                         (the default) means 0.1 expected false merges over the whole set, 0.1 / (K(K-1)/2)
 * @param mergeMode        MERGE relabels the identities as one; DROP keeps the largest and removes the others
 * @param crossRatio       a merge also needs the mean cosine across the two identities' samples to reach this
 *                         fraction of the mean cosine inside them (0 turns the test off)
 * @param relabel          a sample shown to be another identity's photo joins that identity
 *                         ({@link SampleStatus#RELABELLED}): one of a label that kept no sample (no two of its
 *                         samples agreed), or one of a label of exactly two samples that matches another identity's
 *                         centre better than its partner; both at the merge threshold of a single sample. False: the
 *                         first stays removed as an outlier, the second stays where it is
 * @param dedup            remove near-duplicate samples inside an identity
 * @param duplicateThreshold cosine at which two samples are near-duplicates
 * @param maxRounds        at most this many clean rounds (a round: intra-class, then inter-class)
 * @param nprobe           each centre is searched in its nprobe nearest coarse cells (approximate neighbour search)
 * @param seed             seeds every random choice: the same input and seed give the same result
 */
public record CleanConfig(double outlierThreshold, int minClusterSize, double splitThreshold, SplitMode splitMode,
                          double mergeThreshold, double mergeRate, MergeMode mergeMode, double crossRatio, boolean relabel, boolean dedup,
                          double duplicateThreshold, int maxRounds, int nprobe, long seed) implements java.io.Serializable {
    public enum SplitMode { SPLIT, DOMINANT }

    public enum MergeMode { MERGE, DROP }

    public static CleanConfig defaults() {
        return new CleanConfig(0.25, 3, 0.2, SplitMode.SPLIT, Double.NaN, Double.NaN, MergeMode.MERGE, 0.8, true, false, 0.98, 5, 4,
                42);
    }

    public CleanConfig {
        if (minClusterSize < 1 || maxRounds < 1 || nprobe < 1) {
            throw new IllegalArgumentException("minClusterSize, maxRounds and nprobe must be at least 1");
        }
        if (!Double.isNaN(mergeThreshold) && (mergeThreshold < -1 || mergeThreshold > 1)) {
            throw new IllegalArgumentException("mergeThreshold must be a cosine in [-1, 1]");
        }
        if (!Double.isNaN(mergeRate) && !(mergeRate > 0 && mergeRate < 1)) {
            throw new IllegalArgumentException("mergeRate must be in (0, 1), or NaN for automatic");
        }
    }

    public CleanConfig withMergeThreshold(double t) {
        return new CleanConfig(outlierThreshold, minClusterSize, splitThreshold, splitMode, t, mergeRate, mergeMode,
                crossRatio, relabel, dedup, duplicateThreshold, maxRounds, nprobe, seed);
    }

    public CleanConfig withDedup(boolean d) {
        return new CleanConfig(outlierThreshold, minClusterSize, splitThreshold, splitMode, mergeThreshold, mergeRate,
                mergeMode, crossRatio, relabel, d, duplicateThreshold, maxRounds, nprobe, seed);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outlierThreshold", outlierThreshold);
        m.put("minClusterSize", minClusterSize);
        m.put("splitThreshold", splitThreshold);
        m.put("splitMode", splitMode);
        m.put("mergeThreshold", Double.isNaN(mergeThreshold) ? "from mergeRate" : mergeThreshold);
        m.put("mergeRate", Double.isNaN(mergeRate) ? "0.1 expected false merges" : mergeRate);
        m.put("mergeMode", mergeMode);
        m.put("crossRatio", crossRatio);
        m.put("relabel", relabel);
        m.put("dedup", dedup);
        m.put("duplicateThreshold", duplicateThreshold);
        m.put("maxRounds", maxRounds);
        m.put("nprobe", nprobe);
        m.put("seed", seed);
        return m;
    }
}
