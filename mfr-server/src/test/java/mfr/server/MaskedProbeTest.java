package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import mfr.core.dataset.SharedData;
import mfr.core.face.Face;
import mfr.core.image.LoadedImage;
import mfr.core.image.RgbImage;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.server.recognition.OperatingPoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A masked probe (a real LFW photo with a synthetic mask drawn on it, found masked by the installed mask classifier)
 * is decided at the masked operating point's threshold; the same photo unmasked at the unmasked one.
 */
class MaskedProbeTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String key;
    static LfwPeople.Person person;
    static OperatingPoints ops;

    @BeforeAll
    static void start() {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        Path models = MfrHome.resolve().models();
        Assumptions.assumeTrue(MaskClassifier.load(models).isPresent(), "no mask classifier installed in " + models
                + " ('mfr mask train-classifier'): the service cannot tell a masked probe");
        ops = OperatingPoints.load(models, "fr_feature").orElseThrow();
        person = LfwPeople.withAtLeast(lfw.get(), 4, 1).get(0);
        server = TestServer.start(dir);
        Http.Response r = server.http.postJson("/api/v1/collections", server.adminKey, Map.of("name", "masked"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        key = r.json().at("/key/secret").asText();
        Http.Response e = server.http.postFiles("/api/v1/collections/masked/subjects/" + person.name() + "/faces", key,
                Map.of("image", LfwPeople.read(person.photos().get(0))));
        assertThat(e.status()).as(e.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The photo with a surgical mask drawn on its main face, as a PNG. */
    static byte[] masked(Path photo) {
        FaceAnalyzer fa = TestServer.analyzer();
        LoadedImage img = fa.load(photo);
        Face face = fa.mainFace(img);
        RgbImage out = new MaskRenderer().render(img.image(), face.landmarks(), MaskStyle.of(MaskType.values()[0]));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out.toBufferedImage(), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void maskedProbeGetsTheMaskedThreshold() {
        assertThat(ops.masked()).as("masked operating points of fr_feature (built in or calibrated)").isNotEmpty();
        OperatingPoints.Choice want = ops.choose("far-1e-3", true);
        assertThat(want.set()).isEqualTo("masked");
        assertThat(want.point().threshold()).isNotEqualTo(ops.pick("far-1e-3").threshold());
        byte[] probe = masked(person.photos().get(1));

        JsonNode vs = server.http.postFiles("/api/v1/collections/masked/subjects/" + person.name()
                + "/verify?operatingPoint=far-1e-3", key, Map.of("image", probe)).json();
        assertThat(vs.get("maskProbability").asDouble()).as(vs.toString()).isGreaterThanOrEqualTo(0.5);
        assertThat(vs.get("masked").asBoolean()).isTrue();
        assertThat(vs.at("/operatingPoint/set").asText()).isEqualTo("masked");
        assertThat(vs.at("/operatingPoint/name").asText()).isEqualTo("far-1e-3");
        assertThat(vs.at("/operatingPoint/threshold").asDouble()).isEqualTo(want.point().threshold());
        assertThat(vs.get("decision").asText()).isEqualTo(
                vs.get("similarity").asDouble() >= want.point().threshold() ? "match" : "no-match");

        JsonNode two = server.http.postFiles("/api/v1/verify?operatingPoint=far-1e-3", key, Map.of(
                "image1", LfwPeople.read(person.photos().get(0)), "image2", probe)).json();
        assertThat(two.get("masked").asBoolean()).as(two.toString()).isTrue();
        assertThat(two.at("/operatingPoint/threshold").asDouble()).isEqualTo(want.point().threshold());
        assertThat(two.get("maskProbabilities").get(0).asDouble()).isLessThan(0.5);
        assertThat(two.get("maskProbabilities").get(1).asDouble()).isGreaterThanOrEqualTo(0.5);

        JsonNode id = server.http.postFiles("/api/v1/collections/masked/identify?operatingPoint=far-1e-3", key,
                Map.of("image", probe)).json();
        JsonNode face = id.get("faces").get(0);
        assertThat(face.get("masked").asBoolean()).as(id.toString()).isTrue();
        assertThat(face.at("/operatingPoint/set").asText()).isEqualTo("masked");
        assertThat(face.at("/operatingPoint/threshold").asDouble()).isEqualTo(want.point().threshold());
    }

    @Test
    void unmaskedProbeGetsTheUnmaskedThreshold() {
        JsonNode vs = server.http.postFiles("/api/v1/collections/masked/subjects/" + person.name() + "/verify", key,
                Map.of("image", LfwPeople.read(person.photos().get(1)))).json();
        assertThat(vs.get("maskProbability").asDouble()).as(vs.toString()).isLessThan(0.5);
        assertThat(vs.get("masked").asBoolean()).isFalse();
        assertThat(vs.at("/operatingPoint/set").asText()).isEqualTo("unmasked");
        assertThat(vs.at("/operatingPoint/threshold").asDouble()).isEqualTo(ops.pick(null).threshold());
        assertThat(vs.at("/operatingPoint/note").isMissingNode()).isTrue();
        assertThat(vs.get("decision").asText()).isEqualTo("match");
    }
}
