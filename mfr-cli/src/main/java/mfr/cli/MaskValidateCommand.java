package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.mask.classify.ClassifierTrainer;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "classifier-validate", mixinStandardHelpOptions = true,
        description = {"Accuracy of the installed mask classifier on synthetic masks drawn on LFW",
            "identities that 'mfr mask train-classifier' does not use: by default up to 1500 from",
            "identity 4000 in sorted order (training takes 0-999, its validation 1000-1599 and",
            "--extra-identities the ones after those). Each photo unmasked and with a seeded",
            "random mask, one misaligned crop each: the protocol of the trainer's validation.",
            "A second synthetic set, to compare classifiers without looking at real masks.",
            "Example: mfr mask classifier-validate --from 4000 --count 1500 --mask-seed 2026"})
public final class MaskValidateCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--from", defaultValue = "4000", description = "first identity, in sorted order (default: ${DEFAULT-VALUE})")
    int from;

    @Option(names = "--count", defaultValue = "1500", description = "identities, one photo each (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--mask-seed", defaultValue = "2026", description = "seed of the masks (default: ${DEFAULT-VALUE})")
    long maskSeed;

    @Option(names = "--types", defaultValue = "all", description = "mask types drawn (default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--workers", defaultValue = "2", description = "analysis threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (from < 0 || count < 1 || workers < 1) {
            throw new MfrException(ErrorCode.USAGE, "--from must be at least 0, --count and --workers at least 1");
        }
        List<MaskType> ts = MaskType.parseList(types);
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<Path> all = IdentityFolders.sample(root, from + count, 1);
        if (all.size() <= from) {
            throw new MfrException(ErrorCode.USAGE, root + " has " + all.size() + " identities; --from " + from
                    + " leaves none");
        }
        List<Path> photos = all.subList(from, all.size());
        if (photos.size() < count) {
            System.err.printf(java.util.Locale.ROOT, "note: %s has %d identities, so %d from identity %d, not %d%n",
                    root, all.size(), photos.size(), from, count);
        }
        AnalyzerConfig ac = models.config().withOrt(OrtSettings.singleThread());
        Map<String, Object> out = new LinkedHashMap<>();
        try (MaskClassifier clf = MaskClassifier.require(ac.home().models()); FaceAnalyzer fa = FaceAnalyzer.open(ac)) {
            out.put("classifier", clf.provenance());
            out.put("identities", from + "-" + (from + photos.size() - 1));
            out.put("maskSeed", maskSeed);
            out.put("validation", MaskTrainCommand.validate(new ClassifierTrainer(fa), clf, photos, ts, maskSeed,
                    workers));
        }
        if (json) {
            System.out.println(Json.write(out));
        } else {
            System.out.println("classifier: " + ((Map<?, ?>) out.get("classifier")).get("command"));
            MaskTrainCommand.printValidation("synthetic check, LFW identities " + out.get("identities") + ", mask seed "
                    + maskSeed, (Map<?, ?>) out.get("validation"));
        }
        return 0;
    }
}
