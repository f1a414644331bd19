package mfr.mask;

import java.nio.file.Path;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import org.junit.jupiter.api.Assumptions;

/** Shared test helpers: one analyzer, dataset paths that skip when absent. */
public final class TestFaces {
    private static FaceAnalyzer analyzer;

    private TestFaces() {
    }

    public static synchronized FaceAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
        }
        return analyzer;
    }

    public static Path dataset(String name) {
        Optional<Path> p = SharedData.dataset(name);
        Assumptions.assumeTrue(p.isPresent(), SharedData.missingReason(name));
        return p.get();
    }

    public static Path lfw(String person, int i) {
        return dataset("lfw-deepfunneled").resolve(person).resolve(String.format("%s_%04d.jpg", person, i));
    }
}
