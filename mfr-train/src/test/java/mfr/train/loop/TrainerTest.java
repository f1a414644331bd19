package mfr.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mfr.train.config.TrainConfig;
import mfr.train.dist.Collective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static Map<String, String> small(Path out) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model.backbone", "mbf");
        m.put("data.kind", "synthetic");
        m.put("data.syntheticClasses", "8");
        m.put("data.syntheticPerClass", "8");
        m.put("optim.batchSize", "16");
        m.put("optim.steps", "12");
        m.put("optim.lr", "0.1");
        m.put("optim.power", "0");
        m.put("head.loss", "cosface");
        m.put("head.s", "32");
        m.put("run.output", out.toString());
        m.put("run.checkpointEvery", "0");
        m.put("run.logEvery", "4");
        return m;
    }

    @Test
    void lossFallsOnSyntheticData(@TempDir Path tmp) {
        long t0 = System.nanoTime();
        Trainer.Result r = new Trainer(TrainConfig.of(small(tmp)), new Collective.Local(), TrainListener.NONE, null).run();
        System.out.printf("12 steps in %.1f s, first loss %.3f, last %.3f%n", (System.nanoTime() - t0) / 1e9,
                r.firstLoss(), r.lastLoss());
        assertThat(r.steps()).isEqualTo(12);
        assertThat(r.lastLoss()).isLessThan(r.firstLoss() * 0.8);
        assertThat(r.onnx()).exists();
    }
}
