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

    @Test
    void stopAndResumeGivesTheSameParametersAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Map<String, String> base = small(tmp.resolve("a"));
        base.put("optim.steps", "4");
        base.put("optim.batchSize", "8");
        base.put("optim.accumulate", "2");
        base.put("optim.name", "adamw");
        base.put("optim.lr", "0.001");
        base.put("optim.warmupSteps", "1");
        base.put("optim.power", "2");
        base.put("head.sampleRate", "0.5");
        base.put("data.colour", "0.5");
        new Trainer(TrainConfig.of(base), new Collective.Local(), TrainListener.NONE, null).run();

        Map<String, String> interrupted = new LinkedHashMap<>(base);
        interrupted.put("run.output", tmp.resolve("b").toString());
        interrupted.put("run.stopAt", "2");
        Trainer.Result first = new Trainer(TrainConfig.of(interrupted), new Collective.Local(), TrainListener.NONE, null).run();
        assertThat(first.steps()).isEqualTo(2);
        interrupted.remove("run.stopAt");
        Trainer.Result resumed = new Trainer(TrainConfig.of(interrupted), new Collective.Local(), TrainListener.NONE, null).run();
        assertThat(resumed.steps()).isEqualTo(4);

        Path a = Checkpoint.latest(tmp.resolve("a")).orElseThrow();
        Path b = Checkpoint.latest(tmp.resolve("b")).orElseThrow();
        for (String file : new String[] {"backbone.bin", "optimizer.bin", "head-rank0.bin"}) {
            Map<String, TensorFile.Entry> x = TensorFile.read(a.resolve(file));
            Map<String, TensorFile.Entry> y = TensorFile.read(b.resolve(file));
            assertThat(y.keySet()).isEqualTo(x.keySet());
            for (String k : x.keySet()) {
                assertThat(y.get(k).values()).as(file + " " + k).isEqualTo(x.get(k).values());
            }
        }
        // The run really changed the parameters (the comparison is not of two untouched networks).
        Map<String, TensorFile.Entry> head = TensorFile.read(a.resolve("head-rank0.bin"));
        assertThat(head).containsKeys("weight", "state#0", "state#1");
    }

    @Test
    void lossFallsInMixedPrecision(@TempDir Path tmp) {
        Map<String, String> m = small(tmp);
        m.put("precision.amp", "bf16");
        m.put("precision.initScale", "1024");
        Trainer.Result r = new Trainer(TrainConfig.of(m), new Collective.Local(), TrainListener.NONE, null).run();
        System.out.printf("bf16: first loss %.3f, last %.3f, skipped %d%n", r.firstLoss(), r.lastLoss(), r.skippedSteps());
        assertThat(r.lastLoss()).isLessThan(r.firstLoss() * 0.8);
        assertThat(r.skippedSteps()).isLessThan(3);
    }
}
