package mfr.cli;

import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleaningEngine;
import mfr.data.clean.LocalEngine;
import mfr.data.spark.SparkEngine;
import picocli.CommandLine.Option;

/** Cleaning settings shared by the clean commands; defaults from {@link CleanConfig#defaults()}. */
final class CleanOptions {
    private static final CleanConfig D = CleanConfig.defaults();

    @Option(names = "--engine", defaultValue = "local", description = "local or spark (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master URL (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--outlier-threshold", description = "cosine to the identity centre under which a sample is an outlier (default: 0.25)")
    Double outlier;

    @Option(names = "--split-threshold", description = "two clusters whose centres' cosine is below this split an identity (default: 0.2)")
    Double split;

    @Option(names = "--split-mode", description = "SPLIT (two identities) or DOMINANT (keep the larger cluster) (default: SPLIT)")
    CleanConfig.SplitMode splitMode;

    @Option(names = "--merge-threshold", description = "centres with at least this cosine are merged (default: derived from --merge-rate)")
    Double mergeThreshold;

    @Option(names = "--merge-rate", description = "target false-merge rate per identity pair (default: 0.1 expected false merges in all)")
    Double mergeRate;

    @Option(names = "--merge-mode", description = "MERGE (relabel as one) or DROP (keep the largest) (default: MERGE)")
    CleanConfig.MergeMode mergeMode;

    @Option(names = "--cross-ratio", description = "a merge also needs the cross-identity mean cosine to reach this fraction of the within-identity one; 0 turns it off (default: 0.8)")
    Double crossRatio;

    @Option(names = "--relabel", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "a sample shown to be another identity's photo joins that identity (status relabelled):"
                    + " one of a label whose samples all disagree, or of a label of two weakly agreeing samples that"
                    + " matches the other identity better than its partner, at the single-sample merge threshold."
                    + " --no-relabel leaves the first removed as an outlier and the second where it is (default: on)")
    boolean relabel;

    @Option(names = "--dedup", description = "also remove near-duplicates (cosine >= 0.98) inside an identity")
    boolean dedup;

    @Option(names = "--max-rounds", description = "at most this many rounds (default: 5)")
    Integer rounds;

    @Option(names = "--seed", description = "seed of every random choice (default: 42)")
    Long seed;

    /** The cleaning config; an out-of-range option is a usage error (exit 2) that says which rule it broke. */
    CleanConfig config() {
        try {
            return build();
        } catch (IllegalArgumentException e) {
            throw new mfr.core.error.MfrException(mfr.core.error.ErrorCode.USAGE, "bad cleaning option: "
                    + e.getMessage());
        }
    }

    private CleanConfig build() {
        return new CleanConfig(or(outlier, D.outlierThreshold()), D.minClusterSize(), or(split, D.splitThreshold()),
                splitMode != null ? splitMode : D.splitMode(), or(mergeThreshold, D.mergeThreshold()),
                or(mergeRate, D.mergeRate()), mergeMode != null ? mergeMode : D.mergeMode(), or(crossRatio, D.crossRatio()), relabel, dedup,
                D.duplicateThreshold(), rounds != null ? rounds : D.maxRounds(), D.nprobe(), seed != null ? seed : D.seed());
    }

    CleaningEngine open() {
        return switch (engine) {
            case "local" -> new LocalEngine(Runtime.getRuntime().availableProcessors());
            case "spark" -> new SparkEngine(master);
            default -> throw new mfr.core.error.MfrException(mfr.core.error.ErrorCode.USAGE,
                    "--engine must be local or spark, not " + engine);
        };
    }

    private static double or(Double v, double d) {
        return v != null ? v : d;
    }
}
