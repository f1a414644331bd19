package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.eval.RealismCheck;
import mfr.mask.eval.Summary;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "realism", mixinStandardHelpOptions = true,
        description = {"Are synthetic masks like real ones for the embedder? On MFR2 (identities with >= 2 unmasked",
            "photos): same-person similarities of (real masked, unmasked) pairs against (unmasked photo i with a",
            "synthetic mask, unmasked photo j != i). Prints both means, their difference (target |d| <= 0.05) and",
            "the two-sample Kolmogorov-Smirnov statistic, overall and per mask type.",
            "Example: mfr mask realism --variants 4 --plot realism.png"})
public final class MaskRealismCommand implements Callable<Integer> {
    @Option(names = "--variants", defaultValue = "4", description = "synthetic masks per unmasked photo (default: ${DEFAULT-VALUE})")
    int variants;

    @Option(names = "--types", description = "mask types to draw (default: those of MFR2's masked photos, same frequencies)")
    String types;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "analysis threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--plot", paramLabel = "OUT.png", description = "write both similarity histograms")
    Path plot;

    @Option(names = "--data", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path data;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Mfr2Dataset ds = Mfr2Dataset.load(mfr2(data));
        List<MaskType> ts = types == null ? null : MaskType.parseList(types);
        RealismCheck.Result r;
        try (FaceAnalyzer fa = FaceAnalyzer.open(models.config().withOrt(OrtSettings.singleThread()));
             ProgressBar pb = Progress.bar("realism", ds.entries().size() + (long) variants * ds.unmasked().size())) {
            RealismCheck check = new RealismCheck(fa);
            r = check.run(ds, new RealismCheck.Config(variants, ts, seed, workers), pb::stepTo);
            if (plot != null) {
                Plots.histograms(plot, "MFR2 same-person similarity: real vs synthetic masks", "cosine similarity",
                        List.of("real masked vs unmasked", "synthetic masked vs unmasked"),
                        List.of(check.lastReal(), check.lastSynthetic()), -0.2, 1.0, 30);
            }
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("variants", variants);
            m.put("types", types == null ? "mfr2" : types);
            m.put("seed", seed);
            m.put("result", r);
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "MFR2 identities with >= 2 unmasked photos: %d; synthetic images: %d"
                + " (%d without a detected face); real images without a face: %d%n", r.identities(),
                r.syntheticImages(), r.syntheticFailures(), r.realFailures());
        System.out.printf(Locale.ROOT, "real masked vs unmasked:      mean %.4f  std %.4f  n=%d%n", r.real().mean(),
                r.real().std(), r.real().n());
        System.out.printf(Locale.ROOT, "synthetic masked vs unmasked: mean %.4f  std %.4f  n=%d%n",
                r.synthetic().mean(), r.synthetic().std(), r.synthetic().n());
        System.out.printf(Locale.ROOT, "difference of means (synthetic - real): %+.4f (target |d| <= 0.05: %s)%n",
                r.meanDifference(), Math.abs(r.meanDifference()) <= 0.05 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "two-sample KS statistic D = %.4f (asymptotic p = %.3g)%n", r.ks(), r.ksPValue());
        System.out.println("by type (real | synthetic):");
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(r.realByType().keySet());
        keys.addAll(r.syntheticByType().keySet());
        for (String k : keys) {
            Summary a = r.realByType().get(k);
            Summary b = r.syntheticByType().get(k);
            System.out.printf(Locale.ROOT, "  %-15s %s | %s%n", k, fmt(a), fmt(b));
        }
        return 0;
    }

    private static String fmt(Summary s) {
        return s == null ? String.format(Locale.ROOT, "%-22s", "-")
                : String.format(Locale.ROOT, "mean %.3f n=%-4d     ", s.mean(), s.n());
    }

    static Path mfr2(Path data) {
        return data != null ? data : SharedData.dataset("mfr2")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("mfr2")));
    }
}
