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
import mfr.mask.classify.ClassifierCheck;
import mfr.mask.classify.ClassifierTrainer;
import mfr.mask.classify.FeatureKind;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train the mask classifier on synthetic masks only, and check it on MFR2's real labels.",
            "Each training photo (one per identity of --data, default LFW) gives an unmasked example and one with a",
            "random synthetic mask; both go through the whole pipeline. Logistic regression on the features chosen",
            "with --features. Writes $MFR_HOME/models/mask-classifier.json (a few kB), which 'mfr detect' and the",
            "mask checks use. Deterministic for a given --seed.",
            "Example: mfr mask train-classifier --identities 1000"})
public final class MaskTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "identity folders to train on (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--identities", defaultValue = "1000", description = "training identities, one photo each (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--features", defaultValue = "BOTH", description = "EMBEDDING, PIXELS or BOTH (default: ${DEFAULT-VALUE})")
    FeatureKind features;

    @Option(names = "--types", defaultValue = "all", description = "mask types drawn (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--l2", defaultValue = "0.02", description = "L2 penalty (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--iterations", defaultValue = "300", description = "gradient steps (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seed", defaultValue = "11", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "2", description = "analysis threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--no-check", description = "do not evaluate on MFR2 after training")
    boolean noCheck;

    @Option(names = "--mfr2", paramLabel = "DIR", description = "MFR2 folder for the check (default: $MFR_DATA/mfr2)")
    Path mfr2;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<Path> photos = IdentityFolders.sample(root, identities, 1);
        List<MaskType> ts = MaskType.parseList(types);
        ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(features, ts, l2, iterations, seed, workers);
        AnalyzerConfig ac = models.config().withOrt(OrtSettings.singleThread());
        Map<String, Object> out = new LinkedHashMap<>();
        try (FaceAnalyzer fa = FaceAnalyzer.open(ac)) {
            ClassifierTrainer trainer = new ClassifierTrainer(fa);
            ClassifierTrainer.Examples ex;
            try (ProgressBar pb = Progress.bar("training set", 2L * photos.size())) {
                ex = trainer.examples(photos, cfg, pb::stepTo);
            }
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("command", "mfr mask train-classifier --identities " + identities + " --features " + features
                    + " --types " + types + " --l2 " + l2 + " --iterations " + iterations + " --seed " + seed);
            prov.put("data", root.getFileName().toString());
            prov.put("photos", photos.size());
            prov.put("examples", ex.x().size());
            prov.put("trainedOn", "synthetic masks only");
            String embedderId = fa.embedder().modelId();
            MaskClassifier clf = trainer.fit(ex, cfg, embedderId, prov);
            clf.save(ac.home().models());
            out.put("saved", MaskClassifier.file(ac.home().models()).toString());
            out.put("training", prov);
            if (!noCheck) {
                Mfr2Dataset ds = Mfr2Dataset.load(mfr2 != null ? mfr2 : SharedData.dataset("mfr2")
                        .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("mfr2"))));
                ClassifierCheck.Result r;
                try (ProgressBar pb = Progress.bar("MFR2 check", ds.entries().size())) {
                    r = ClassifierCheck.run(fa, clf, ds, workers, pb::stepTo);
                }
                out.put("mfr2", r);
            }
        }
        if (json) {
            System.out.println(Json.write(out));
            return 0;
        }
        System.out.println("saved " + out.get("saved") + " (" + features + " features, " + out.get("training") + ")");
        if (out.get("mfr2") instanceof ClassifierCheck.Result r) {
            MaskCheckCommand.print(r);
        }
        return 0;
    }
}
