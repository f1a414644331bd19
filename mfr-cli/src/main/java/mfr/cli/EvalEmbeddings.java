package mfr.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.util.List;
import java.util.Random;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.eval.cache.EmbeddingCache;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelTask;
import mfr.onnx.runtime.OrtSettings;

/**
 * Embeds images for evaluation through the embedding cache: the main face of each image, by the pipeline the model
 * options describe, on all cores (one single-threaded ONNX Runtime session per model, shared by the workers). The
 * analyzer is opened only when some image is not cached yet.
 */
final class EvalEmbeddings implements AutoCloseable {
    private final AnalyzerConfig config;
    private final String modelKey;
    private FaceAnalyzer analyzer;

    EvalEmbeddings(ModelOptions models) {
        this.config = models.config().withOrt(OrtSettings.singleThread());
        String versioned = new ModelInstaller(config.home()).ensureInstalled()
                .require(config.embedderId(), ModelTask.EMBEDDER).versionedId();
        this.modelKey = modelKey(config, versioned);
    }

    /**
     * The cache key of embeddings made by {@code config}'s pipeline with the model {@code versionedId}: everything that
     * changes the embedding (flip-test, detector threshold, channel-order overrides) is part of it.
     */
    static String modelKey(AnalyzerConfig config, String versionedId) {
        return versionedId + "+p" + FaceAnalyzer.PIPELINE_VERSION + (config.flipTest() ? "+flip" : "") + "+det"
                + String.format(Locale.ROOT, "%.2f", config.detector().scoreThreshold())
                + (config.detectorOrder() == null ? "" : "+det" + config.detectorOrder())
                + (config.embedderOrder() == null ? "" : "+emb" + config.embedderOrder());
    }

    /**
     * The main-face embeddings of {@code files} by an open analyzer, through the shared embedding cache (or none when
     * {@code useCache} is false: every image is embedded again).
     */
    static EmbeddingCache.Lookup cached(FaceAnalyzer fa, Collection<Path> files, int threads,
                                        java.util.function.IntConsumer progress, boolean useCache) {
        AnalyzerConfig c = fa.config();
        EmbeddingCache cache = EmbeddingCache.open(useCache ? c.home().root().resolve("cache").resolve("embeddings")
                : null, modelKey(c, fa.embedder().modelId()));
        return cache.get(files, image -> fa.mainFace(fa.load(image)).embedding().vector(), threads, progress);
    }

    String modelKey() {
        return modelKey;
    }

    AnalyzerConfig config() {
        return config;
    }

    EmbeddingCache.Lookup embed(Collection<Path> files, EvalOptions opts) {
        return embed(files, opts.noCache, opts.workers());
    }

    /** As {@link #embed(Collection, EvalOptions)} ({@code mfr calibrate} uses it). */
    EmbeddingCache.Lookup embed(Collection<Path> files, boolean noCache, int workers) {
        Path dir = noCache ? null : config.home().root().resolve("cache").resolve("embeddings");
        EmbeddingCache cache = EmbeddingCache.open(dir, modelKey);
        long unique = files.stream().distinct().count();
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("embedding").setInitialMax(unique)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).build()) {
            return cache.get(files, this::extract, workers, pb::stepTo);
        }
    }

    private float[] extract(Path image) {
        FaceAnalyzer fa = analyzer();
        return fa.mainFace(fa.load(image)).embedding().vector();
    }

    /**
     * The mask-to-nonmask protocol's masked side: each image's main face, aligned, with a synthetic mask drawn on the
     * crop (type and shape drawn from a generator seeded by the seed and the file name, so runs repeat), embedded.
     * Cached under its own key.
     */
    EmbeddingCache.Lookup embedMasked(Collection<Path> files, EvalOptions opts, long seed) {
        return embedMasked(files, opts.noCache, opts.workers(), seed);
    }

    /** As {@link #embedMasked(Collection, EvalOptions, long)} ({@code mfr calibrate}'s masked points use it). */
    EmbeddingCache.Lookup embedMasked(Collection<Path> files, boolean noCache, int workers, long seed) {
        Path dir = noCache ? null : config.home().root().resolve("cache").resolve("embeddings");
        EmbeddingCache cache = EmbeddingCache.open(dir, modelKey + "+masked-s" + seed);
        MaskRenderer renderer = new MaskRenderer();
        long unique = files.stream().distinct().count();
        try (ProgressBar pb = Progress.bar("masking+embedding", unique)) {
            return cache.get(files, image -> {
                FaceAnalyzer fa = analyzer();
                Face face = fa.mainFace(fa.load(image));
                Random rng = new Random(seed * 31 + image.getFileName().toString().hashCode());
                MaskStyle style = MaskStyle.random(List.of(MaskType.values()), rng);
                RgbImage masked = renderer.renderOnCrop(face.aligned(), face.landmarks(),
                        fa.aligner().transform(face.landmarks()), style);
                return fa.embedAligned(masked).vector();
            }, workers, pb::stepTo);
        }
    }

    private synchronized FaceAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = FaceAnalyzer.open(config);
        }
        return analyzer;
    }

    @Override
    public synchronized void close() {
        if (analyzer != null) {
            analyzer.close();
            analyzer = null;
        }
    }
}
