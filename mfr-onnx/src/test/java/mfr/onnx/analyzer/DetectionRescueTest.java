package mfr.onnx.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import mfr.core.face.Detection;
import mfr.core.face.Face;
import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.image.RgbImage;
import mfr.onnx.detect.DetectionRescue;
import mfr.onnx.runtime.OrtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rescue detection pass on real masked faces (MFR2) and its landmark check. */
class DetectionRescueTest {
    private static FaceAnalyzer fa;

    @BeforeAll
    static void open() {
        fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
    }

    @AfterAll
    static void close() {
        fa.close();
    }

    @Test
    void rescueFindsAtLeastWhatOnePassFindsAndNeverChangesFoundFaces() throws IOException {
        Optional<Path> mfr2 = SharedData.dataset("mfr2");
        Assumptions.assumeTrue(mfr2.isPresent(), SharedData.missingReason("mfr2"));
        List<Path> files;
        try (Stream<Path> s = Files.walk(mfr2.get(), 2)) {
            files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        int missedBefore = 0;
        int missedAfter = 0;
        for (Path p : files) {
            RgbImage im = fa.load(p).image();
            List<Detection> one = fa.detect(im);
            List<Detection> rescued = fa.detectFaces(im);
            if (!one.isEmpty()) {
                assertThat(rescued).isEqualTo(one);
            }
            missedBefore += one.isEmpty() ? 1 : 0;
            missedAfter += rescued.isEmpty() ? 1 : 0;
        }
        assertThat(missedBefore).as("MFR2 has faces the plain detector misses").isPositive();
        assertThat(missedAfter).isLessThan(missedBefore);
    }

    @Test
    void rescueCanBeSwitchedOff() {
        assertThat(AnalyzerConfig.defaults().rescue().enabled()).isTrue();
        assertThat(AnalyzerConfig.defaults().withRescue(DetectionRescue.OFF).rescue().enabled()).isFalse();
        assertThat(AnalyzerConfig.defaults().describe()).containsKeys("rescue.enabled", "rescue.lowThreshold");
    }

    @Test
    void landmarkCheckAcceptsARealFaceAndRejectsAnUpsideDownOne() {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        RgbImage im = fa.load(lfw.get().resolve("Aaron_Peirsol/Aaron_Peirsol_0001.jpg")).image();
        Face f = fa.locate(im).get(0);
        assertThat(RescueDetector.plausible(f.landmarks(), f.box())).isTrue();
        Box b = f.box();
        double cy = (b.y1() + b.y2()) / 2;
        Landmarks flipped = new Landmarks(f.landmarks().points().stream()
                .map(p -> new Point(p.x(), 2 * cy - p.y())).toList());
        assertThat(RescueDetector.plausible(flipped, b)).isFalse();
        Landmarks squashed = new Landmarks(f.landmarks().points().stream()
                .map(p -> new Point(b.x1() + (p.x() - b.x1()) * 0.1, p.y())).toList());
        assertThat(RescueDetector.plausible(squashed, b)).isFalse();
    }
}
