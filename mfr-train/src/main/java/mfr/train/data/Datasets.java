package mfr.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
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
                IdentityFolderDataset ds = folder(Path.of(d.path()), d.align(), d.maxIdentities(), d.loaderThreads(),
                        alignProgress);
                yield d.list().isEmpty() ? ds : ds.restrictTo(Path.of(d.list()));
            }
        };
    }

    /**
     * The masked twins of {@code data} when {@code data.mask > 0} (null otherwise): the folders of
     * {@code data.maskedPath}, aligned once like the training set when {@code data.align=true}.
     */
    public static MaskTwins twins(TrainConfig.Data d, FaceDataset data, IntConsumer alignProgress) {
        if (d.mask() == 0) {
            return null;
        }
        if (!(data instanceof IdentityFolderDataset folders)) {
            throw new MfrException(ErrorCode.USAGE, "data.mask needs identity folders (data.kind=folder)");
        }
        if (d.maskedPath().isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, "data.mask=" + d.mask() + " needs data.maskedPath: folders of"
                    + " masked copies of the training images ('mfr train' renders them itself when it is empty)");
        }
        List<Path> roots = new ArrayList<>();
        for (String part : d.maskedPath().split(",")) {
            if (!part.isBlank()) {
                roots.add(folder(Path.of(part.strip()), d.align(), 0, d.loaderThreads(), alignProgress).root());
            }
        }
        return MaskTwins.find(folders, roots, d.mask());
    }

    /**
     * Where the aligned copy of an identity folder lives: {@code $MFR_HOME/cache/aligned/<folder name>-<hash of its
     * absolute path>[-firstN]}, so that two datasets with the same folder name never share crops.
     */
    public static Path alignedCache(Path folder, int maxIdentities) {
        Path root = folder.toAbsolutePath().normalize();
        String hash = mfr.onnx.model.NpmPackage.sha256Hex(root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 8);
        return MfrHome.resolve().root().resolve("cache").resolve("aligned")
                .resolve(root.getFileName() + "-" + hash + (maxIdentities == 0 ? "" : "-first" + maxIdentities));
    }

    /**
     * An identity folder, or with {@code align} its aligned copy in
     * {@link #alignedCache}, built once through the pipeline.
     */
    private static IdentityFolderDataset folder(Path path, boolean align, int maxIdentities, int threads,
                                                IntConsumer alignProgress) {
        int max = maxIdentities == 0 ? Integer.MAX_VALUE : maxIdentities;
        IdentityFolderDataset src = IdentityFolderDataset.open(path, max);
        if (!align) {
            return src;
        }
        Path cache = alignedCache(path, maxIdentities);
        if (!AlignedCache.isComplete(cache)) {
            try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()))) {
                AlignedCache.build(src, cache, fa, threads, alignProgress);
            }
        }
        return IdentityFolderDataset.open(cache);
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
