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
            "random synthetic mask (--random-colour: a share in a random colour); both go through the whole",
            "pipeline, and each also gives --misaligned crops aligned as the landmark model aligns real masked",
            "faces. Logistic regression on the features chosen with --features. The next --val-identities",
            "identities (other masks) give the synthetic validation accuracy, the figure to choose options by.",
            "Writes $MFR_HOME/models/mask-classifier.json (a few kB), which 'mfr detect' and the",
            "mask checks use. Deterministic for a given --seed.",
            "Example: mfr mask train-classifier --identities 1000"})
public final class MaskTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "identity folders to train on (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--identities", defaultValue = "1000", description = "training identities, one photo each (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--val-identities", defaultValue = "600", description = "identities after the training ones"
            + " (same folder, one photo each) whose synthetic examples measure the classifier before MFR2; 0 = none"
            + " (default: ${DEFAULT-VALUE})")
    int valIdentities;

    @Option(names = "--misaligned", defaultValue = "1", description = "extra crops per example aligned on landmarks"
            + " with nose and mouth pulled towards the eyes, as the landmark model does on real masks"
            + " (default: ${DEFAULT-VALUE})")
    int misaligned;

    @Option(names = "--random-colour", defaultValue = "0", description = "share of masks drawn in a random colour"
            + " (default: ${DEFAULT-VALUE})")
    double randomColour;

    @Option(names = "--features", defaultValue = "PIXELS", description = "EMBEDDING, PIXELS or BOTH (default: ${DEFAULT-VALUE})")
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
        List<Path> all = IdentityFolders.sample(root, identities + valIdentities, 1);
        List<Path> photos = all.subList(0, Math.min(identities, all.size()));
        List<Path> held = all.subList(photos.size(), all.size());
        List<MaskType> ts = MaskType.parseList(types);
        ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(features, ts, l2, iterations, seed, workers,
                misaligned, randomColour);
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
                    + " --types " + types + " --l2 " + l2 + " --iterations " + iterations + " --seed " + seed
                    + " --misaligned " + misaligned + " --random-colour " + randomColour);
            prov.put("data", root.getFileName().toString());
            prov.put("photos", photos.size());
            prov.put("examples", ex.x().size());
            prov.put("trainedOn", "synthetic masks only");
            String embedderId = fa.embedder().modelId();
            MaskClassifier clf = trainer.fit(ex, cfg, embedderId, prov);
            clf.save(ac.home().models());
            out.put("saved", MaskClassifier.file(ac.home().models()).toString());
            out.put("training", prov);
            if (!held.isEmpty()) {
                // Held-out identities, other masks (seed + 1): the figure to choose options by, not MFR2. A fixed
                // protocol whatever the training options (one misaligned crop per example, the types' colours), so
                // that candidates trained with different options are compared on the same kind of examples.
                ClassifierTrainer.Examples vx;
                try (ProgressBar pb = Progress.bar("validation set", 2L * held.size())) {
                    vx = trainer.examples(held, new ClassifierTrainer.Config(features, ts, l2, iterations, seed + 1,
                            workers, 1, 0), pb::stepTo);
                }
                int[] c = ClassifierTrainer.confusion(clf, vx);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("identities", held.size());
                v.put("examples", vx.x().size());
                v.put("accuracy", (double) (c[0] + c[2]) / Math.max(1, vx.x().size()));
                v.put("maskedAsMasked", c[0]);
                v.put("maskedAsUnmasked", c[1]);
                v.put("unmaskedAsUnmasked", c[2]);
                v.put("unmaskedAsMasked", c[3]);
                out.put("validation", v);
            }
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
        if (out.get("validation") instanceof Map<?, ?> v) {
            System.out.printf(Locale.ROOT, "synthetic validation (%s held-out identities, %s examples): accuracy"
                    + " %.2f %%; masked called masked %s, called unmasked %s; unmasked called unmasked %s, called"
                    + " masked %s%n", v.get("identities"), v.get("examples"), 100 * (double) v.get("accuracy"),
                    v.get("maskedAsMasked"), v.get("maskedAsUnmasked"), v.get("unmaskedAsUnmasked"),
                    v.get("unmaskedAsMasked"));
        }
        if (out.get("mfr2") instanceof ClassifierCheck.Result r) {
            MaskCheckCommand.print(r);
        }
        return 0;
    }
}
