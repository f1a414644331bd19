package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.group.ImageLabels;
import mfr.eval.protocol.PairEvaluation;
import picocli.CommandLine.Option;

/** Options shared by the 'mfr eval' commands. */
public final class EvalOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "write report.json, CSV tables, roc.png, scores.png and report.html into DIR")
    Path out;

    @Option(names = "--json", description = "print the report as JSON instead of tables")
    boolean json;

    @Option(names = "--labels", paramLabel = "CSV",
            description = "image attributes for per-group tables: CSV with header 'image,attr1,...' (image = path"
                    + " relative to the data folder, or file name); repeatable")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "T", description = "global threshold of the per-group tables"
            + " (default: the threshold at --group-far, else the best-accuracy threshold)")
    Double threshold;

    @Option(names = "--group-far", paramLabel = "FAR", defaultValue = "1e-3",
            description = "FAR that sets the global threshold (default: ${DEFAULT-VALUE})")
    double groupFar;

    @Option(names = "--mask-one-side", description = "mask-to-nonmask protocol: the second image of every pair gets a"
            + " synthetic mask (random MFR2 type, seeded by --mask-seed and the file name) on its aligned face")
    boolean maskOneSide;

    @Option(names = "--mask-seed", defaultValue = "1", description = "seed of the synthetic masks (default: ${DEFAULT-VALUE})")
    long maskSeed;

    @Option(names = "--no-cache", description = "do not read or write the embedding cache ($MFR_HOME/cache/embeddings)")
    boolean noCache;

    @Option(names = "--workers", paramLabel = "N", description = "images embedded in parallel (default: all cores)")
    Integer workers;

    PairEvaluation.Options evaluation() {
        if (groupFar <= 0 || groupFar >= 1) {
            throw new MfrException(ErrorCode.USAGE, "--group-far must be in (0, 1), e.g. 1e-3");
        }
        return new PairEvaluation.Options(threshold, groupFar);
    }

    int workers() {
        return workers != null && workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    /** The labels named by --labels merged with {@code builtIn} (may be null); null when there are none. */
    ImageLabels labels(ImageLabels builtIn) {
        ImageLabels all = builtIn;
        for (Path p : labels) {
            all = all == null ? ImageLabels.csv(p) : all.with(ImageLabels.csv(p));
        }
        return all;
    }

    /** Refuses --mask-one-side where a protocol has no pairs to mask one side of. */
    void refuseMaskOneSide() {
        if (maskOneSide) {
            throw new MfrException(ErrorCode.USAGE, "--mask-one-side applies to the pair protocols (lfw, mfr2, pairs)");
        }
    }
}
