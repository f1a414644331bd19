package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import mfr.eval.cache.EmbeddingCache;
import mfr.eval.protocol.IdentitySet;
import mfr.eval.protocol.SetEvaluation;
import mfr.eval.report.EvalReport;
import mfr.eval.score.AllPairsScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", mixinStandardHelpOptions = true,
        header = "Identity folders all vs all (every genuine and impostor pair).",
        description = {"An identity-folder set (one sub-folder of images per identity) evaluated all vs all, as the MFR",
            "challenge does: every genuine and every impostor pair, scored by the SIMD engine into histograms (bounded",
            "memory; thresholds at bin edges of width 2^-15, counts exact). Images without a face are left out.",
            "Example: mfr eval set $MFR_DATA/mfr2 --labels mask.csv --out reports/mfr2-set"})
final class EvalSetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of identity sub-folders")
    Path dir;

    @Option(names = "--min-images", paramLabel = "N", defaultValue = "1",
            description = "skip identities with fewer images (default: ${DEFAULT-VALUE})")
    int minImages;

    @Option(names = "--max-identities", paramLabel = "N", defaultValue = "0",
            description = "only the first N identities in name order (default: all)")
    int maxIdentities;

    @Mixin
    EvalOptions opts;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        opts.refuseMaskOneSide();
        IdentitySet set = IdentitySet.scan(dir, minImages).limit(maxIdentities);
        try (EvalEmbeddings emb = new EvalEmbeddings(models)) {
            EmbeddingCache.Lookup lookup = emb.embed(set.images(), opts);
            Map<String, Object> settings = new LinkedHashMap<>(emb.config().describe());
            settings.put("minImages", minImages);
            settings.put("cacheHits", lookup.hits());
            settings.put("embedded", lookup.computed());
            long n = lookup.vectors().size();
            EvalReport r;
            try (ProgressBar pb = new ProgressBarBuilder().setTaskName("scoring").setInitialMax(n * (n - 1) / 2)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(500).build()) {
                r = SetEvaluation.evaluate(set, emb.modelKey(), lookup.vectors(), lookup.failures(),
                        opts.labels(null), opts.evaluation(), AllPairsScorer.Settings.defaults(), settings, pb::stepTo);
            }
            return EvalOutput.emit(r, opts);
        }
    }
}
