package mfr.cli;

import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.detect.DetectorSettings;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Option;

/** Options shared by every command that runs the pipeline. */
public final class ModelOptions {
    @Option(names = "--embedder", paramLabel = "ID", defaultValue = "fr_feature",
            description = "embedding model id from 'mfr models list' (default: ${DEFAULT-VALUE})")
    String embedder;

    @Option(names = "--flip", description = "flip-test: embed the crop and its mirror image and sum them")
    boolean flip;

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime threads per model (default: all cores)")
    Integer threads;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "0.6",
            description = "detector score threshold (default: ${DEFAULT-VALUE})")
    double minScore;

    public AnalyzerConfig config() {
        AnalyzerConfig c = AnalyzerConfig.defaults().withEmbedder(embedder).withFlipTest(flip);
        DetectorSettings d = DetectorSettings.DEFAULT;
        c = c.withDetector(new DetectorSettings(minScore, d.nmsIou(), d.maxFaces(), d.minFaceSize()));
        if (threads != null) {
            c = c.withOrt(new OrtSettings(threads, 1, false));
        }
        return c;
    }

    public FaceAnalyzer open() {
        return FaceAnalyzer.open(config());
    }
}
