package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mask commands end to end, in-process. */
class MaskCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"mask", "mask sheet", "mask realism", "mask train-classifier", "mask classifier-check",
        "mask classifier-validate", "mask detection-check", "mask enrollment-check", "mask mean-shape"})
    void everyMaskCommandHasHelpWithAnExample(String command) {
        CliRunner.Run r = CliRunner.run((command + " --help").split(" "));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: mfr mask").contains("Example");
    }

    @Test
    void convertsADatasetAndSaysWhatItDid() throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        Path in = tmp.resolve("in/Aaron_Peirsol");
        Files.createDirectories(in);
        for (int i = 1; i <= 2; i++) {
            String name = String.format("Aaron_Peirsol_%04d.jpg", i);
            Files.copy(lfw.get().resolve("Aaron_Peirsol").resolve(name), in.resolve(name));
        }
        CliRunner.Run r = CliRunner.run("mask", tmp.resolve("in").toString(), tmp.resolve("out").toString(),
                "--ratio", "1", "--types", "surgical_blue", "--seed", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 masked");
        assertThat(Files.readString(tmp.resolve("out/masks.csv"))).contains("Aaron_Peirsol/Aaron_Peirsol_0002.jpg,masked,surgical_blue");
    }

    @Test
    void badRatioAndUnknownTypeAreUsageErrors() {
        CliRunner.Run r = CliRunner.run("mask", tmp.toString(), tmp.resolve("o").toString(), "--ratio", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("mfr: --ratio");
        CliRunner.Run t = CliRunner.run("mask", tmp.toString(), tmp.resolve("o").toString(), "--types", "scarf");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("unknown mask type 'scarf'");
    }

    @Test
    void unknownClassifierFeaturesAreAUsageError() {
        CliRunner.Run r = CliRunner.run("mask", "train-classifier", "--features", "HOG");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--features").contains("CNN");
        CliRunner.Run e = CliRunner.run("mask", "train-classifier", "--features", "CNN", "--epochs", "0",
                "--data", tmp.toString());
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains("epochs");
    }

    @Test
    void classifierValidateRefusesBadRanges() {
        CliRunner.Run r = CliRunner.run("mask", "classifier-validate", "--count", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--count");
        CliRunner.Run e = CliRunner.run("mask", "classifier-validate", "--data", tmp.toString(), "--from", "10");
        assertThat(e.exit()).isEqualTo(2);
        assertThat(e.err()).contains("has 0 identities").doesNotContain("internal error");
    }
}
