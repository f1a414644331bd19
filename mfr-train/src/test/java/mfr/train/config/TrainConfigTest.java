package mfr.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @Test
    void baseFileThenFileThenOverrides(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("base.conf"), "# base\noptim.lr = 0.2\noptim.steps = 10\nhead.loss = cosface\n");
        Files.createDirectories(tmp.resolve("runs"));
        Files.writeString(tmp.resolve("runs/run.conf"), "base = ../base.conf\noptim.steps = 20\n");
        Map<String, String> v = ConfigFile.read(tmp.resolve("runs/run.conf"));
        v.putAll(ConfigFile.overrides(List.of("optim.batchSize=8")));
        TrainConfig c = TrainConfig.of(v);
        assertThat(c.optim().lr()).isEqualTo(0.2);
        assertThat(c.optim().steps()).isEqualTo(20);
        assertThat(c.optim().batchSize()).isEqualTo(8);
        assertThat(c.head().m3()).isEqualTo(0.4);
        assertThat(c.head().m2()).isZero();
        Map<String, Object> d = c.describe();
        assertThat(d).containsEntry("optim.steps", 20).containsEntry("model.backbone", "mbf");
        assertThat(d).hasSameSizeAs(TrainConfig.DEFAULTS);
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> TrainConfig.of(Map.of("optim.steps", "many"))).isInstanceOf(MfrException.class)
                .hasMessageContaining("optim.steps").hasMessageContaining("integer");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("data.kind", "folder"))).hasMessageContaining("data.path");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("head.sampleRate", "1.5"))).hasMessageContaining("(0, 1]");
        MfrException e = (MfrException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TrainConfig.of(Map.of("model.device", "cuda")));
        assertThat(e.code()).isEqualTo(ErrorCode.USAGE);
        assertThat(e.getMessage()).contains("linux-x86_64-gpu");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("data.mask", "0.5"))).hasMessageContaining("data.kind=folder");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("distill.weight", "1"))).hasMessageContaining("teacher");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("head.init", "teacher"))).hasMessageContaining("teacher");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("head.weight", "0"))).hasMessageContaining("nothing to train");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("model.freeze", "1"))).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> TrainConfig.of(Map.of("distill.weight", "1", "distill.teacher", "fr_feature")))
                .hasMessageContaining("onnx:");
        TrainConfig ok = TrainConfig.of(Map.of("distill.weight", "2", "model.backbone", "onnx:fr_feature"));
        assertThat(ok.needsTeacher()).isTrue();
        assertThat(ok.teacherRef()).isEqualTo("onnx:fr_feature");
    }
}
