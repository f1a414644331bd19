package mfr.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.config.TrainConfig;

/** Opens the dataset and builds the augmentation a config asks for. */
public final class Datasets {
    private Datasets() {
    }

    /**
     * The training set. Identity folders with {@code data.align=true} are aligned once through the pipeline into
     * {@code $MFR_HOME/cache/aligned/<folder name>[-firstN]}.
     */
    public static FaceDataset open(TrainConfig.Data d, long seed, IntConsumer alignProgress) {
        return switch (d.kind()) {
            case "synthetic" -> new SyntheticDataset(d.syntheticClasses(), d.syntheticPerClass(), seed);
            case "recordio" -> RecordIoDataset.open(Path.of(d.path()));
            default -> {
                int max = d.maxIdentities() == 0 ? Integer.MAX_VALUE : d.maxIdentities();
                IdentityFolderDataset src = IdentityFolderDataset.open(Path.of(d.path()), max);
                if (!d.align()) {
                    yield src;
                }
                Path root = Path.of(d.path()).toAbsolutePath().normalize();
                Path cache = MfrHome.resolve().root().resolve("cache").resolve("aligned")
                        .resolve(root.getFileName() + (d.maxIdentities() == 0 ? "" : "-first" + d.maxIdentities()));
                if (!AlignedCache.isComplete(cache)) {
                    try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()))) {
                        AlignedCache.build(src, cache, fa, d.loaderThreads(), alignProgress);
                    }
                }
                yield IdentityFolderDataset.open(cache);
            }
        };
    }

    public static Augment augment(TrainConfig.Data d) {
        List<Augment> steps = new ArrayList<>();
        if (d.flip() > 0) {
            steps.add(Augment.flip(d.flip()));
        }
        if (d.colour() > 0) {
            steps.add(Augment.colour(d.colour(), 0.2, 0.2, 0.2));
        }
        if (d.jpeg() > 0) {
            steps.add(Augment.jpeg(d.jpeg(), d.jpegMinQuality(), d.jpegMaxQuality()));
        }
        return steps.isEmpty() ? Augment.none() : Augment.chain(steps);
    }

    public static Preprocess preprocess(TrainConfig.Data d) {
        return new Preprocess(d.order().equals("BGR"), d.mean(), d.std());
    }
}
