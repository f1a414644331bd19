package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import mfr.core.dataset.SharedData;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mfr command end to end, in-process, with the real models. */
class CliTest {
    private static Path samples;

    @BeforeAll
    static void install() {
        samples = new ModelInstaller(MfrHome.resolve()).ensureSamples();
    }

    private static Path lfw(String person, int i) {
        Optional<Path> root = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(root.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        return root.get().resolve(person).resolve(String.format("%s_%04d.jpg", person, i));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "models", "models install", "models list", "models register", "detect", "align",
        "embed", "compare", "bench", "lfw", "demo", "clean", "clean-check", "clean-bench"})
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").trim().split(" ");
        CliRunner.Run r = CliRunner.run(args);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: mfr");
        assertThat(r.err()).as("a % in a description must be written %%").doesNotContain("picocli WARN");
    }

    @Test
    void compareTwoPhotosOfTheSamePersonSaysSame() {
        CliRunner.Run r = CliRunner.run("compare", lfw("Aaron_Peirsol", 1).toString(), lfw("Aaron_Peirsol", 2).toString(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = read(r.out());
        assertThat(j.get("decision").asText()).isEqualTo("same");
        assertThat(j.get("similarity").asDouble()).isGreaterThan(0.6);
    }

    @Test
    void compareTwoDifferentPeopleSaysDifferent() {
        CliRunner.Run r = CliRunner.run("compare", lfw("Aaron_Peirsol", 1).toString(), lfw("AJ_Lamas", 1).toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("different people");
    }

    @Test
    void detectPrintsJsonAndDrawsBoxes(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("boxes.png");
        CliRunner.Run r = CliRunner.run("detect", samples.resolve("sample2.jpg").toString(), "--draw", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = read(r.out());
        assertThat(j.get("faces").size()).isGreaterThanOrEqualTo(2);
        JsonNode face = j.get("faces").get(0);
        assertThat(face.get("landmarks5").size()).isEqualTo(5);
        assertThat(face.get("landmarks68").size()).isEqualTo(68);
        assertThat(face.get("box").get("x2").asDouble()).isGreaterThan(face.get("box").get("x1").asDouble());
        BufferedImage drawn = ImageIO.read(png.toFile());
        assertThat(drawn.getWidth()).isEqualTo(j.get("width").asInt());
    }

    @Test
    void alignWritesA112Crop(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("face.png");
        CliRunner.Run r = CliRunner.run("align", samples.resolve("sample1.jpg").toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        BufferedImage crop = ImageIO.read(out.toFile());
        assertThat(crop.getWidth()).isEqualTo(112);
        assertThat(crop.getHeight()).isEqualTo(112);
    }

    @Test
    void embedWritesJsonOrRawFloats(@TempDir Path tmp) throws Exception {
        CliRunner.Run json = CliRunner.run("embed", samples.resolve("sample1.jpg").toString());
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode j = read(json.out());
        assertThat(j.get("embedding").size()).isEqualTo(512);
        assertThat(j.get("model").asText()).startsWith("fr_feature:");

        Path raw = tmp.resolve("e.f32");
        CliRunner.Run r = CliRunner.run("embed", samples.resolve("sample1.jpg").toString(), "--format", "raw", "-o",
                raw.toString());
        assertThat(r.exit()).isZero();
        byte[] bytes = Files.readAllBytes(raw);
        assertThat(bytes).hasSize(512 * 4);
        float first = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat((double) first).isCloseTo(j.get("embedding").get(0).asDouble(), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void badInputsGetOneLineErrorsAndDistinctExitCodes(@TempDir Path tmp) throws Exception {
        Path empty = Files.write(tmp.resolve("empty.jpg"), new byte[0]);
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not an image at all");
        byte[] jpeg = Files.readAllBytes(samples.resolve("sample1.jpg"));
        Path truncated = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        Path huge = Files.write(tmp.resolve("huge.png"), hugePngHeader());
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Path noFace = tmp.resolve("blank.png");
        ImageIO.write(blank, "png", noFace.toFile());
        Path sample = samples.resolve("sample1.jpg");

        expectError(CliRunner.run("embed", empty.toString()), 3, "empty.jpg: empty file");
        expectError(CliRunner.run("embed", text.toString()), 3, "notes.jpg: not an image");
        expectError(CliRunner.run("embed", truncated.toString()), 3, "cut.jpg: truncated");
        expectError(CliRunner.run("compare", sample.toString(), huge.toString()), 4, "30000x30000");
        expectError(CliRunner.run("embed", noFace.toString()), 5, "blank.png: no face found");
        expectError(CliRunner.run("detect", tmp.resolve("missing.jpg").toString()), 8, "missing.jpg: no such file");
        CliRunner.Run usage = CliRunner.run("embed");
        assertThat(usage.exit()).isEqualTo(2);
    }

    private static void expectError(CliRunner.Run r, int exit, String text) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.err()).startsWith("mfr: ").contains(text).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    private static byte[] hugePngHeader() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(33);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13);
        b.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(30000).putInt(30000).put(new byte[] {8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static JsonNode read(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
