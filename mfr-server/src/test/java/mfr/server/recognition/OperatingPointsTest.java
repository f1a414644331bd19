package mfr.server.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatingPointsTest {
    @TempDir
    Path models;

    static final List<OperatingPoint> PLAIN = List.of(new OperatingPoint("far-1e-3", 1e-3, 0.33, "lfw"),
            new OperatingPoint("far-1e-4", 1e-4, 0.41, "lfw"));
    static final List<OperatingPoint> MASKED = List.of(new OperatingPoint("far-1e-3", 1e-3, 0.29, "lfw masked"));

    @Test
    void maskedProbeGetsTheMaskedPointOfTheSameNameElseTheUnmaskedWithANote() {
        OperatingPoints ops = new OperatingPoints("m", "far-1e-4", PLAIN, MASKED);
        assertThat(ops.choose("far-1e-3", false)).isEqualTo(new OperatingPoints.Choice(PLAIN.get(0), false,
                "unmasked", null));
        assertThat(ops.choose("far-1e-3", true)).isEqualTo(new OperatingPoints.Choice(MASKED.get(0), true,
                "masked", null));
        OperatingPoints.Choice none = ops.choose(null, true);
        assertThat(none.point()).isEqualTo(PLAIN.get(1));
        assertThat(none.masked()).isTrue();
        assertThat(none.set()).isEqualTo("unmasked");
        assertThat(none.note()).contains("no masked operating point far-1e-4");
        OperatingPoints.Choice old = new OperatingPoints("m", "far-1e-4", PLAIN).choose("far-1e-3", true);
        assertThat(old.point()).isEqualTo(PLAIN.get(0));
        assertThat(old.note()).contains("no masked operating points calibrated");
    }

    @Test
    void aFileWithoutMaskedPointsStillReadsAndOneWithThemRoundTrips() throws Exception {
        Path f = OperatingPoints.file(models, "old");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                {"modelId": "old", "defaultPoint": "far-1e-3",
                 "points": [{"name": "far-1e-3", "far": 0.001, "threshold": 0.33, "measured": "lfw"}]}""");
        OperatingPoints old = OperatingPoints.load(models, "old").orElseThrow();
        assertThat(old.masked()).isEmpty();
        assertThat(old.choose(null, true).point().threshold()).isEqualTo(0.33);

        new OperatingPoints("new", "far-1e-4", PLAIN, MASKED).write(models);
        assertThat(Files.readString(OperatingPoints.file(models, "new"))).contains("\"masked\"");
        OperatingPoints back = OperatingPoints.load(models, "new").orElseThrow();
        assertThat(back.masked()).isEqualTo(MASKED);
        assertThat(back.points()).isEqualTo(PLAIN);
    }

    @Test
    void crossImpostorScoresSkipTheSamePerson() {
        List<float[]> masked = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.6f, 0.8f});
        List<float[]> plain = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.8f, 0.6f});
        float[] s = Calibration.crossImpostorScores(masked, plain);
        // (0,1) 0, (0,2) 0.8, (1,0) 0, (1,2) 0.6, (2,0) 0.6, (2,1) 0.8
        assertThat(s).containsExactly(0.8f, 0.8f, 0.6f, 0.6f, 0f, 0f);
    }
}
