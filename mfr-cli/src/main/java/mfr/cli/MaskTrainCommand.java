package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
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
import mfr.mask.classify.CnnInput;
import mfr.mask.classify.FeatureKind;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.classify.BinaryImageTrainer;
import mfr.train.classify.ChwAugment;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = {"Train the mask classifier on synthetic masks only, and check it on MFR2's real labels.",
            "Each training photo (one per identity of --data, default LFW) gives an unmasked example and one with a",
            "random synthetic mask (--random-colour: a share in a random colour); both go through the whole",
            "pipeline, and each also gives --misaligned crops aligned as the landmark model aligns real masked",
            "faces. --features PIXELS, EMBEDDING or BOTH: logistic regression on those features; --features CNN:",
            "a small CNN (--cnn-width, --cnn-blocks) on the aligned crop downscaled to 56x56, trained with",
            "mfr-train's libtorch (--epochs, --batch, --lr; flips, brightness, contrast, colour and shifts unless",
            "--no-augment), exported to ONNX and run by ONNX Runtime; --features BLEND: both the PIXELS logistic",
            "regression and the CNN, trained on the same examples, probability the plain mean of theirs. The next",
            "--val-identities identities (other masks) give the synthetic validation accuracy, the figure to choose",
            "options by.",
            "Writes $MFR_HOME/models/mask-classifier.json (and mask-classifier.onnx for the CNN and BLEND), which",
            "'mfr detect', the server and the mask checks use. Deterministic for a given --seed and --workers.",
            "The defaults make the shipped classifier (BLEND; docs/mask.md tells how it was chosen).",
            "Example: mfr mask train-classifier --features PIXELS --photos-per-identity 1 --misaligned 1"})
public final class MaskTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "identity folders to train on (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--identities", defaultValue = "1000", description = "training identities, one photo each (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--photos-per-identity", defaultValue = "3", description = "training photos per identity (at"
            + " most; the validation identities keep one each) (default: ${DEFAULT-VALUE})")
    int photosPerIdentity;

    @Option(names = "--extra-identities", defaultValue = "0", description = "more training identities taken after"
            + " the validation identities (one photo each), so that the validation set stays the same"
            + " (default: ${DEFAULT-VALUE})")
    int extraIdentities;

    @Option(names = "--val-identities", defaultValue = "600", description = "identities after the training ones"
            + " (same folder, one photo each) whose synthetic examples measure the classifier before MFR2; 0 = none"
            + " (default: ${DEFAULT-VALUE})")
    int valIdentities;

    @Option(names = "--misaligned", defaultValue = "2", description = "extra crops per example aligned on landmarks"
            + " with nose and mouth pulled towards the eyes, as the landmark model does on real masks"
            + " (default: ${DEFAULT-VALUE})")
    int misaligned;

    @Option(names = "--random-colour", defaultValue = "0", description = "share of masks drawn in a random colour"
            + " (default: ${DEFAULT-VALUE})")
    double randomColour;

    @Option(names = "--features", defaultValue = "BLEND", description = "EMBEDDING, PIXELS, BOTH (logistic regression), CNN,"
            + " or BLEND (mean of the PIXELS logistic regression and the CNN) (default: ${DEFAULT-VALUE})")
    FeatureKind features;

    @Option(names = "--epochs", defaultValue = "30", description = "CNN and BLEND: passes over the training examples (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "CNN and BLEND: examples per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.003", description = "CNN and BLEND: peak learning rate of AdamW (linear warm-up"
            + " and decay) (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0.0001", description = "CNN and BLEND: AdamW weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--cnn-width", defaultValue = "16", description = "CNN and BLEND: channels of the first block, doubled at"
            + " each stride-2 block (default: ${DEFAULT-VALUE})")
    int cnnWidth;

    @Option(names = "--cnn-blocks", defaultValue = "3", description = "CNN and BLEND: stride-2 conv blocks (default: ${DEFAULT-VALUE})")
    int cnnBlocks;

    @Option(names = "--no-augment", description = "CNN and BLEND: no flips, brightness, contrast, colour or shift augmentation")
    boolean noAugment;

    @Option(names = "--types", defaultValue = "all", description = "mask types drawn (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--l2", defaultValue = "0.02", description = "logistic regression (also BLEND's): L2 penalty (default: ${DEFAULT-VALUE})")
    double l2;

    @Option(names = "--iterations", defaultValue = "300", description = "logistic regression (also BLEND's): gradient steps (default: ${DEFAULT-VALUE})")
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
        if (identities < 1 || valIdentities < 0 || photosPerIdentity < 1 || extraIdentities < 0 || workers < 1) {
            throw new MfrException(ErrorCode.USAGE, "--identities, --photos-per-identity and --workers must be at"
                    + " least 1, --val-identities and --extra-identities at least 0");
        }
        boolean cnn = features == FeatureKind.CNN || features == FeatureKind.BLEND;
        if (cnn && (epochs < 1 || batch < 2 || lr <= 0 || weightDecay < 0 || cnnWidth < 1
                || cnnBlocks < 1 || cnnBlocks > 4)) {
            throw new MfrException(ErrorCode.USAGE, "--epochs must be at least 1, --batch at least 2, --lr positive,"
                    + " --weight-decay not negative, --cnn-width at least 1 and --cnn-blocks 1..4");
        }
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        // Identities in sorted order: [0, identities) train, the next val-identities validate, the next
        // extra-identities train too (one photo each); the validation set does not depend on the training options.
        List<Path> all = IdentityFolders.sample(root, identities + valIdentities + extraIdentities, 1);
        int trainIds = Math.min(identities, all.size());
        int valEnd = Math.min(identities + valIdentities, all.size());
        List<Path> photos = new ArrayList<>(photosPerIdentity == 1 ? all.subList(0, trainIds)
                : IdentityFolders.sample(root, identities, photosPerIdentity));
        photos.addAll(all.subList(valEnd, all.size()));
        List<Path> held = all.subList(trainIds, valEnd);
        ChwAugment augment = noAugment ? ChwAugment.NONE : new ChwAugment(0.5, 0.15, 0.2, 0.1, 3);
        BinaryImageTrainer.Config cnnCfg = cnn ? new BinaryImageTrainer.Config(CnnInput.SIZE,
                cnnWidth, cnnBlocks, epochs, batch, lr, weightDecay, augment, seed, workers) : null;
        List<MaskType> ts = MaskType.parseList(types);
        ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(features, ts, l2, iterations, seed, workers,
                misaligned, randomColour);
        AnalyzerConfig ac = models.config().withOrt(OrtSettings.singleThread());
        Map<String, Object> out = new LinkedHashMap<>();
        MaskClassifier closeLater = null;
        try (FaceAnalyzer fa = FaceAnalyzer.open(ac)) {
            ClassifierTrainer trainer = new ClassifierTrainer(fa);
            ClassifierTrainer.Examples ex;
            try (ProgressBar pb = Progress.bar("training set", 2L * photos.size())) {
                ex = trainer.examples(photos, cfg, pb::stepTo);
            }
            Map<String, Object> prov = new LinkedHashMap<>();
            String command = "mfr mask train-classifier --identities " + identities + " --photos-per-identity "
                    + photosPerIdentity + " --extra-identities " + extraIdentities + " --val-identities "
                    + valIdentities + " --features " + features + " --types " + types + " --seed " + seed
                    + " --misaligned " + misaligned + " --random-colour " + randomColour + " --workers " + workers;
            if (cnn) {
                command += " --epochs " + epochs + " --batch " + batch + " --lr " + lr + " --weight-decay "
                        + weightDecay + " --cnn-width " + cnnWidth + " --cnn-blocks " + cnnBlocks
                        + (noAugment ? " --no-augment" : "");
            }
            if (features != FeatureKind.CNN) {
                command += " --l2 " + l2 + " --iterations " + iterations;
            }
            prov.put("command", command);
            prov.put("data", root.getFileName().toString());
            prov.put("photos", photos.size());
            prov.put("examples", ex.size());
            prov.put("seed", seed);
            prov.put("trainedOn", "synthetic masks only");
            Path modelsDir = ac.home().models();
            MaskClassifier clf;
            if (cnn) {
                prov.put("network", "small CNN: " + cnnBlocks + " stride-2 blocks from " + cnnWidth + " channels,"
                        + " input 3x" + CnnInput.SIZE + "x" + CnnInput.SIZE + "; augmentation " + augment);
                BinaryImageTrainer.Result r = BinaryImageTrainer.train("mask-classifier",
                        ex.features(FeatureKind.CNN), ex.masked(), cnnCfg, System.err::println);
                try (Network net = r.network()) {
                    OnnxExporter.write(net, modelsDir.resolve(MaskClassifier.CNN_FILE));
                }
                prov.put("epochLosses", r.epochLosses().stream().map(l -> Math.round(l * 10000) / 10000.0).toList());
                prov.put("trainingSeconds", Math.round(r.seconds()));
                clf = features == FeatureKind.CNN
                        ? MaskClassifier.cnn(modelsDir, MaskClassifier.CNN_FILE, CnnInput.SIZE, 0.5, prov)
                        : MaskClassifier.blend(modelsDir, ClassifierTrainer.logistic(ex, FeatureKind.PIXELS, cfg),
                                MaskClassifier.CNN_FILE, CnnInput.SIZE, prov);
            } else {
                clf = trainer.fit(ex, cfg, fa.embedder().modelId(), prov);
            }
            closeLater = clf;
            clf.save(modelsDir);
            out.put("saved", MaskClassifier.file(ac.home().models()).toString());
            out.put("training", prov);
            if (!held.isEmpty()) {
                // Held-out identities, other masks (seed + 1): the figure to choose options by, not MFR2. A fixed
                // protocol whatever the training options (one misaligned crop per example, the types' colours), so
                // that candidates trained with different options are compared on the same kind of examples.
                out.put("validation", validate(trainer, clf, held, ts, seed + 1, workers));
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
        } finally {
            if (closeLater != null) {
                closeLater.close();
            }
        }
        if (json) {
            System.out.println(Json.write(out));
            return 0;
        }
        System.out.println("saved " + out.get("saved") + " (" + features + " features, " + out.get("training") + ")");
        if (out.get("validation") instanceof Map<?, ?> v) {
            printValidation("synthetic validation", v);
        }
        if (out.get("mfr2") instanceof ClassifierCheck.Result r) {
            MaskCheckCommand.print(r);
        }
        return 0;
    }

    /**
     * Accuracy of {@code clf} on synthetic examples of {@code photos} (each unmasked and with a mask of
     * {@code types}, seeded by {@code maskSeed}; one misaligned crop each; the types' colours): the fixed protocol of
     * the synthetic validation, whatever the classifier's training options.
     */
    static Map<String, Object> validate(ClassifierTrainer trainer, MaskClassifier clf, List<Path> photos,
                                        List<MaskType> types, long maskSeed, int workers) {
        ClassifierTrainer.Examples vx;
        try (ProgressBar pb = Progress.bar("validation set", 2L * photos.size())) {
            vx = trainer.examples(photos, new ClassifierTrainer.Config(clf.kind(), types, 0, 1, maskSeed, workers, 1, 0),
                    pb::stepTo);
        }
        int[] c = ClassifierTrainer.confusion(clf, vx);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("identities", photos.size());
        v.put("examples", vx.size());
        v.put("failures", vx.failures());
        v.put("accuracy", (double) (c[0] + c[2]) / Math.max(1, vx.size()));
        v.put("maskedAsMasked", c[0]);
        v.put("maskedAsUnmasked", c[1]);
        v.put("unmaskedAsUnmasked", c[2]);
        v.put("unmaskedAsMasked", c[3]);
        return v;
    }

    static void printValidation(String what, Map<?, ?> v) {
        System.out.printf(Locale.ROOT, "%s (%s held-out identities, %s examples): accuracy %.2f %%; masked called"
                + " masked %s, called unmasked %s; unmasked called unmasked %s, called masked %s%n", what,
                v.get("identities"), v.get("examples"), 100 * (double) v.get("accuracy"), v.get("maskedAsMasked"),
                v.get("maskedAsUnmasked"), v.get("unmaskedAsUnmasked"), v.get("unmaskedAsMasked"));
    }
}
