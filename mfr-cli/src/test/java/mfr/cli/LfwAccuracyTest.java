package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The default model on a fixed, fold-balanced sample of 1,200 LFW View 2 pairs (the first 60 same and 60 different
 * pairs of each fold), 10-fold protocol, embedded afresh (no cache). Measured 99.0-99.2 % on this sample and 99.22 %
 * on all 6,000 pairs.
 */
class LfwAccuracyTest {
    @Test
    void defaultModelReachesNinetyNinePercentOnLfwSample() {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()))) {
            LfwCommand.Result r = LfwCommand.evaluate(fa, lfw.get(), 1200, Runtime.getRuntime().availableProcessors(), false,
                    false);
            System.out.println("LFW sample: " + r);
            assertThat(r.pairs()).isEqualTo(1200);
            assertThat(r.failedImages()).isZero();
            assertThat(r.bestAccuracy()).isGreaterThanOrEqualTo(0.99);
            assertThat(r.kFoldMean()).isGreaterThanOrEqualTo(0.985);
        }
    }
}
