package mfr.mask.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import mfr.core.error.MfrException;
import mfr.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CNN's input, and the classifier files that cannot be loaded. */
class CnnInputTest {
    @TempDir
    Path models;

    @Test
    void averagesTheCropDownChannelsFirstAndNormalised() {
        byte[] rgb = new byte[112 * 112 * 3];
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                int i = (y * 112 + x) * 3;
                rgb[i] = (byte) (x % 2 == 0 ? 255 : 0);   // red alternates: averages to 127.5
                rgb[i + 1] = (byte) (y < 56 ? 0 : 255);    // green: dark top, bright bottom
                rgb[i + 2] = (byte) 128;
            }
        }
        float[] in = CnnInput.of(new RgbImage(112, 112, rgb), 56);
        int plane = 56 * 56;
        assertThat(in).hasSize(3 * plane);
        assertThat(in[0]).isEqualTo(0f);
        assertThat(in[plane]).isCloseTo(-127.5f / 128, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(in[plane + 55 * 56]).isCloseTo(127.5f / 128, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(in[2 * plane + 100]).isCloseTo(0.5f / 128, org.assertj.core.data.Offset.offset(1e-6f));
        assertThatThrownBy(() -> CnnInput.of(new RgbImage(112, 112, rgb), 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The classifier file {@code json} is refused with an error that says all of {@code messages}. */
    private void assertRefused(String json, String... messages) throws Exception {
        Files.writeString(MaskClassifier.file(models), json);
        var error = assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class);
        for (String m : messages) {
            error.hasMessageContaining(m);
        }
    }

    @Test
    void corruptOrUnknownClassifierFilesSayWhatToDo() throws Exception {
        assertRefused("{not json", "unreadable mask classifier", "train-classifier");
        assertRefused("{\"version\":2,\"features\":\"CNN\",\"threshold\":0.5}", "unknown mask classifier format");
        assertRefused("{\"version\":2,\"features\":\"CNN\",\"threshold\":0.5,"
                + "\"network\":{\"file\":\"../x.onnx\",\"sha256\":\"00\",\"inputSize\":56}}",
                "plain file name");
        assertRefused("{\"version\":2,\"features\":\"CNN\",\"threshold\":0.5,"
                + "\"network\":{\"file\":\"mask-classifier.onnx\",\"sha256\":\"00\",\"inputSize\":56}}",
                "cannot read the mask classifier's network");
        Files.writeString(models.resolve("mask-classifier.onnx"), "not a network");
        assertRefused(Files.readString(MaskClassifier.file(models)), "does not match the digest", "--features CNN");
        assertRefused("{\"version\":3,\"features\":\"BLEND\",\"threshold\":0.5,"
                + "\"network\":{\"file\":\"mask-classifier.onnx\",\"sha256\":\"00\",\"inputSize\":56}}",
                "the blend lacks its logistic regression", "BLEND");
        assertRefused("{\"version\":3,\"features\":\"BLEND\",\"threshold\":0.5,"
                + "\"model\":{\"mean\":[0],\"std\":[1],\"weights\":[1],\"bias\":0}}",
                "the blend lacks its CNN");
        assertRefused("{\"version\":3,\"features\":\"BLEND\",\"threshold\":0.5,"
                + "\"model\":{\"mean\":[0],\"std\":[1],\"weights\":[1],\"bias\":0},"
                + "\"network\":{\"file\":\"mask-classifier.onnx\",\"inputSize\":56}}",
                "no sha256 recorded");
        assertRefused("{\"version\":3,\"features\":\"BLEND\",\"threshold\":0.5,"
                + "\"model\":{\"mean\":[0],\"std\":[1],\"weights\":[1],\"bias\":0},"
                + "\"network\":{\"file\":\"mask-classifier.onnx\",\"sha256\":\"00\",\"inputSize\":56}}",
                "does not match the digest", "--features BLEND");
        assertRefused("{\"version\":1,\"features\":\"BLEND\",\"threshold\":0.5,"
                + "\"model\":{\"mean\":[0],\"std\":[1],\"weights\":[1],\"bias\":0}}",
                "unknown mask classifier format");
        assertRefused("{\"version\":1,\"features\":\"HOG\",\"threshold\":0.5}", "unreadable mask classifier");
    }
}
