package mfr.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import mfr.eval.cache.EmbeddingCache;
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
        this.modelKey = versioned + (config.flipTest() ? "+flip" : "") + "+det"
                + String.format(Locale.ROOT, "%.2f", config.detector().scoreThreshold());
    }

    String modelKey() {
        return modelKey;
    }

    AnalyzerConfig config() {
        return config;
    }

    EmbeddingCache.Lookup embed(Collection<Path> files, EvalOptions opts) {
        Path dir = opts.noCache ? null : config.home().root().resolve("cache").resolve("embeddings");
        EmbeddingCache cache = EmbeddingCache.open(dir, modelKey);
        long unique = files.stream().distinct().count();
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("embedding").setInitialMax(unique)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).build()) {
            return cache.get(files, this::extract, opts.workers(), pb::stepTo);
        }
    }

    private float[] extract(Path image) {
        FaceAnalyzer fa = analyzer();
        return fa.mainFace(fa.load(image)).embedding().vector();
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
