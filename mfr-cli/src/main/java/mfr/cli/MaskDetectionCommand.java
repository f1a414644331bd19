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
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.eval.DetectionCheck;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.detect.DetectionRescue;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "detection-check", mixinStandardHelpOptions = true,
        description = {"Detector miss rate under masks, before (one detector pass) and after (with the rescue pass",
            "that FaceAnalyzer runs by default when the first finds no face: padding, then low-score candidates",
            "checked by the landmark model). Sets: MFR2 real masked photos, MFR2 unmasked, LFW unmasked (first photo",
            "of --identities identities) and the same LFW photos with a synthetic mask.",
            "Example: mfr mask detection-check --identities 2000"})
public final class MaskDetectionCommand implements Callable<Integer> {
    @Option(names = "--identities", defaultValue = "2000", description = "LFW identities, first photo each (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--types", defaultValue = "all", description = "synthetic mask types (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--seed", defaultValue = "5", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--mfr2", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path mfr2;

    @Option(names = "--lfw", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path lfw;

    @Option(names = "--padding", defaultValue = "0.25", description = "rescue: border per side, fraction of the longer side (default: ${DEFAULT-VALUE})")
    double padding;

    @Option(names = "--low-threshold", defaultValue = "0.2", description = "rescue: lowest score of a landmark-checked candidate (default: ${DEFAULT-VALUE})")
    double lowThreshold;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Mfr2Dataset ds = Mfr2Dataset.load(MaskRealismCommand.mfr2(mfr2));
        Path lfwRoot = lfw != null ? lfw : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<Path> photos = IdentityFolders.sample(lfwRoot, identities, 1);
        AnalyzerConfig ac = models.config().withOrt(OrtSettings.singleThread())
                .withRescue(new DetectionRescue(true, padding, lowThreshold));
        Map<String, DetectionCheck.SetResult> r;
        try (FaceAnalyzer fa = FaceAnalyzer.open(ac);
             ProgressBar pb = Progress.bar("detection", ds.entries().size() + 3L * photos.size())) {
            r = new DetectionCheck(fa).run(ds, photos, MaskType.parseList(types), seed, workers, pb::stepTo);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rescue", ac.rescue());
            m.put("sets", r);
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-22s %7s %22s %22s%n", "set", "images", "missed before", "missed after");
        r.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %7d %12d (%5.2f %%) %12d (%5.2f %%)%n", k, v.images(),
                v.missedBefore(), 100 * v.rateBefore(), v.missedAfter(), 100 * v.rateAfter()));
        r.forEach((k, v) -> {
            if (!v.stillMissed().isEmpty()) {
                System.out.println("still missed in " + k + ": " + v.stillMissed());
            }
        });
        return 0;
    }
}
