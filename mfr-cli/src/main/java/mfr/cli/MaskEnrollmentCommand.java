package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.eval.EnrollmentCheck;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "enrollment-check", mixinStandardHelpOptions = true,
        description = {"Does enrolling synthetic-masked templates help recognise masked faces? On MFR2: gallery = each",
            "subject's unmasked photos (without) or those plus K synthetic-masked copies of each (with); probes = the",
            "real masked photos; score = best template. Prints TAR at FAR 1e-2 and 1e-3 and rank-1 for both.",
            "Example: mfr mask enrollment-check -k 3"})
public final class MaskEnrollmentCommand implements Callable<Integer> {
    @Option(names = "-k", defaultValue = "3", description = "synthetic-masked templates per enrollment photo (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--types", defaultValue = "surgical,cloth,KN95",
            description = "mask types of the templates (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--seed", defaultValue = "3", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--data", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path data;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Mfr2Dataset ds = Mfr2Dataset.load(MaskRealismCommand.mfr2(data));
        EnrollmentCheck.Result r;
        try (FaceAnalyzer fa = FaceAnalyzer.open(models.config().withOrt(OrtSettings.singleThread()));
             ProgressBar pb = Progress.bar("enrollment", ds.entries().size() + (long) k * ds.unmasked().size())) {
            r = new EnrollmentCheck(fa).run(ds, k, MaskType.parseList(types), seed, workers, pb::stepTo);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("types", types);
            m.put("seed", seed);
            m.put("result", r);
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "MFR2: %d subjects, %d real masked probes, K=%d (%d synthetic templates"
                + " without a face)%n", r.subjects(), r.probes(), r.k(), r.syntheticFailures());
        System.out.printf(Locale.ROOT, "%-28s %9s %12s %12s %8s %10s %10s%n", "gallery", "templates", "TAR@FAR1e-2",
                "TAR@FAR1e-3", "rank-1", "genuine", "impostor");
        row("unmasked only", r.without());
        row("+ K synthetic-masked", r.with());
        return 0;
    }

    private static void row(String name, EnrollmentCheck.Figures f) {
        System.out.printf(Locale.ROOT, "%-28s %9d %11.2f%% %11.2f%% %7.2f%% %10.4f %10.4f%n", name, f.templates(),
                100 * f.tarAtFar1e2(), 100 * f.tarAtFar1e3(), 100 * f.rank1(), f.genuineMean(), f.impostorMean());
    }
}
