package mfr.onnx.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;
import mfr.core.face.Face;
import mfr.core.geometry.Point;
import mfr.core.image.LoadedImage;
import mfr.core.image.Resampler;
import mfr.core.image.RgbImage;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.runtime.OrtSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real pipeline on the demo photos of @vladmandic/face-api (installed from npm like the models). */
class FaceAnalyzerTest {
    private static FaceAnalyzer fa;
    private static Path samples;

    @BeforeAll
    static void open() {
        samples = new ModelInstaller(MfrHome.resolve()).ensureSamples();
        fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
    }

    @AfterAll
    static void close() {
        fa.close();
    }

    private static LoadedImage sample(int i) {
        return fa.load(samples.resolve("sample" + i + ".jpg"));
    }

    @Test
    void findsFacesWithLandmarksInsideTheirBoxesAndUnitEmbeddings() {
        int total = 0;
        for (int i = 1; i <= 6; i++) {
            List<Face> faces = fa.analyze(sample(i));
            assertThat(faces).as("faces in sample%d", i).isNotEmpty();
            total += faces.size();
            for (Face f : faces) {
                assertThat(f.score()).isBetween(0.6, 1.0);
                assertThat(f.landmarks().size()).isEqualTo(68);
                Point nose = f.fivePoints().get(2);
                assertThat(nose.x()).isBetween(f.box().x1(), f.box().x2());
                assertThat(nose.y()).isBetween(f.box().y1(), f.box().y2());
                assertThat(f.fivePoints().get(0).x()).isLessThan(f.fivePoints().get(1).x());
                Embedding e = f.embedding();
                assertThat(e.dimension()).isEqualTo(512);
                assertThat(e.similarity(e)).isCloseTo(1.0, within(1e-5));
                assertThat(e.modelId()).startsWith("fr_feature:87aacdfe");
                assertThat(f.aligned().width()).isEqualTo(112);
            }
        }
        assertThat(total).isGreaterThan(6);
    }

    /** A face placed in a wide, padded canvas is found at the same place and embeds the same. */
    @Test
    void handlesAnyAspectRatioWithoutDistortion() {
        RgbImage img = sample(1).image();
        Face ref = fa.mainFace(sample(1));
        int padX = img.width() / 2;
        RgbImage wide = Resampler.crop(img, -padX, -20, img.width() + 2 * padX, img.height() + 40,
                img.width() + 2 * padX, img.height() + 40, 90);
        List<Face> faces = fa.analyze(wide);
        Face moved = faces.stream().max((a, b) -> Double.compare(a.embedding().similarity(ref.embedding()),
                b.embedding().similarity(ref.embedding()))).orElseThrow();
        assertThat(moved.box().translate(-padX, -20).iou(ref.box())).isGreaterThan(0.7);
        assertThat(moved.embedding().similarity(ref.embedding())).isGreaterThan(0.8);
    }

    @Test
    void imageWithoutAFaceGivesNoFaceError() {
        RgbImage grey = new RgbImage(320, 240, new byte[320 * 240 * 3]);
        assertThat(fa.analyze(grey)).isEmpty();
        LoadedImage loaded = new LoadedImage(grey, "grey.png", "png", 320, 240, 1);
        assertThatThrownBy(() -> fa.mainFace(loaded)).isInstanceOf(MfrException.class)
                .hasMessage("grey.png: no face found")
                .extracting(e -> ((MfrException) e).code()).isEqualTo(ErrorCode.NO_FACE);
    }

    @Test
    void isThreadSafe() throws Exception {
        RgbImage img = sample(2).image();
        float[] expected = fa.analyze(img).get(0).embedding().vector();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> fs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                fs.add(pool.submit(() -> fa.analyze(img).get(0).embedding().vector()));
            }
            for (Future<float[]> f : fs) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void batchEmbeddingEqualsOneByOneAndFlipTestChangesTheVector() {
        List<RgbImage> crops = fa.analyze(sample(3)).stream().map(Face::aligned).toList();
        List<Embedding> batch = fa.embedAligned(crops);
        for (int i = 0; i < crops.size(); i++) {
            assertThat(batch.get(i).similarity(fa.embedAligned(crops.get(i)))).isCloseTo(1.0, within(1e-5));
        }
        try (FaceAnalyzer flip = FaceAnalyzer.open(fa.config().withFlipTest(true))) {
            double s = flip.embedAligned(crops.get(0)).similarity(batch.get(0));
            assertThat(s).isGreaterThan(0.85).isLessThan(0.99999);
        }
    }

    @Test
    void embeddingsOfDifferentModelsAreNeverCompared() {
        Embedding a = Embedding.normalized(new float[] {1, 0}, "m1");
        Embedding b = Embedding.normalized(new float[] {1, 0}, "m2");
        assertThatThrownBy(() -> a.similarity(b)).hasMessageContaining("different models");
    }
}
