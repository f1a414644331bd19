package mfr.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mfr.mask.classify.ClassifierCheck;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "classifier-check", mixinStandardHelpOptions = true,
        description = {"Accuracy of the installed mask classifier on MFR2's real masked/unmasked labels (it was",
            "trained on synthetic masks only; create it with 'mfr mask train-classifier').",
            "Example: mfr mask classifier-check --json"})
public final class MaskCheckCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "MFR2 folder (default: $MFR_DATA/mfr2)")
    Path data;

    @Option(names = "--workers", defaultValue = "2", description = "analysis threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        AnalyzerConfig ac = models.config().withOrt(OrtSettings.singleThread());
        Mfr2Dataset ds = Mfr2Dataset.load(MaskRealismCommand.mfr2(data));
        ClassifierCheck.Result r;
        Map<String, Object> provenance;
        try (MaskClassifier clf = MaskClassifier.require(ac.home().models()); FaceAnalyzer fa = FaceAnalyzer.open(ac);
             ProgressBar pb = Progress.bar("MFR2 check", ds.entries().size())) {
            r = ClassifierCheck.run(fa, clf, ds, workers, pb::stepTo);
            provenance = clf.provenance();
        }
        if (json) {
            System.out.println(Json.write(Map.of("classifier", provenance, "mfr2", r)));
        } else {
            print(r);
        }
        return 0;
    }

    static void print(ClassifierCheck.Result r) {
        System.out.printf(Locale.ROOT, "MFR2: %d images, face found in %d%n", r.images(), r.detected());
        mfr.core.metric.Proportion ci = mfr.core.metric.Proportion.of(r.correct(), r.detected());
        System.out.printf(Locale.ROOT, "accuracy %.2f %% (%d/%d; 95 %% Wilson interval %.1f-%.1f %%); counting missed"
                + " faces as wrong %.2f %%%n", 100 * r.accuracy(), r.correct(), r.detected(), 100 * ci.low(),
                100 * ci.high(), 100 * r.accuracyAll());
        System.out.printf(Locale.ROOT, "masked called masked %.2f %%, unmasked called unmasked %.2f %%%n",
                100 * r.maskedRecall(), 100 * r.unmaskedRecall());
        System.out.printf(Locale.ROOT, "confusion (rows: truth, columns: called)  masked  unmasked%n");
        System.out.printf(Locale.ROOT, "  masked                                 %6d  %8d%n", r.maskedAsMasked(),
                r.maskedAsUnmasked());
        System.out.printf(Locale.ROOT, "  unmasked                               %6d  %8d%n", r.unmaskedAsMasked(),
                r.unmaskedAsUnmasked());
        r.errors().forEach((k, v) -> System.out.printf(Locale.ROOT, "  wrong: %s p=%.3f%n", k, v));
    }
}
