package mfr.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.cache.EmbeddingCache;
import mfr.eval.metric.Scores;
import mfr.eval.metric.ScoreCounts;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.protocol.Identification;
import mfr.eval.protocol.IdentificationResult;
import mfr.eval.protocol.IdentitySet;
import mfr.eval.report.EvalReport;
import mfr.eval.report.ReportFiles;
import mfr.eval.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "identify", mixinStandardHelpOptions = true,
        header = "1:N identification: rank-1, TPIR at FPIR.",
        description = {"1:N identification over an identity-folder set: identities are shuffled (--seed) and --held-out",
            "of them kept out of the gallery; every other identity with two or more images enrols its first image and",
            "searches with the rest (mated searches); every image of a held-out identity is a non-mated search.",
            "Prints rank-1 and TPIR at FPIR 1e-1, 1e-2, 1e-3 (NIST FRVT 1:N).",
            "Example: mfr eval identify $MFR_DATA/mfr2 --held-out 0.3"})
final class EvalIdentifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "folder of identity sub-folders")
    Path dir;

    @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.5",
            description = "fraction of identities kept out of the gallery (default: ${DEFAULT-VALUE})")
    double heldOut;

    @Option(names = "--seed", defaultValue = "1", description = "shuffle seed (default: ${DEFAULT-VALUE})")
    long seed;

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
        if (heldOut < 0 || heldOut >= 1) {
            throw new MfrException(ErrorCode.USAGE, "--held-out must be in [0, 1)");
        }
        IdentitySet set = IdentitySet.scan(dir, 1).limit(maxIdentities);
        try (EvalEmbeddings emb = new EvalEmbeddings(models)) {
            EmbeddingCache.Lookup lookup = emb.embed(set.images(), opts);
            IdentificationResult id = Identification.evaluate(set, lookup.vectors(), heldOut, seed);
            Map<String, Object> settings = new LinkedHashMap<>(emb.config().describe());
            settings.put("heldOut", heldOut);
            settings.put("seed", seed);
            Scores none = Scores.exact(new double[0], new double[0]);
            VerificationMetrics vm = VerificationMetrics.of(ScoreCounts.exact(new double[0], new double[0]),
                    new double[0]);
            List<String> failures = lookup.failures().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .sorted().toList();
            EvalReport r = new EvalReport("1:N identification", set.root().toString(), emb.modelKey(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), settings, set.images().size(),
                    failures.size(), failures.subList(0, Math.min(20, failures.size())), null, Double.NaN, "-", vm,
                    List.of(), List.of(), id, none);
            if (opts.out != null) {
                ReportFiles.write(opts.out.resolve("identification.json"), ReportFiles.json(r).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            if (opts.json) {
                System.out.println(ReportFiles.json(id));
            } else {
                String text = TextReport.render(r);
                System.out.print(text.substring(text.indexOf("1:N identification:")));
            }
            return 0;
        }
    }
}
