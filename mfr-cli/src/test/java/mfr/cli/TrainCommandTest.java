package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'mfr train' end to end on synthetic data: one process, then two worker processes. */
class TrainCommandTest {
    private static String[] args(Path out, String... extra) {
        String[] base = {"train", "--set", "data.syntheticClasses=6", "--set", "data.syntheticPerClass=4",
            "--set", "optim.batchSize=4", "--set", "optim.steps=3", "--set", "run.checkpointEvery=2",
            "--set", "run.output=" + out, "--json"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void trainsExportsAndResumes(@TempDir Path tmp) {
        CliRunner.Run r = CliRunner.run(args(tmp));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"steps\" : 3").contains("\"model.backbone\" : \"mbf\"");
        assertThat(tmp.resolve("model.onnx")).exists();
        assertThat(tmp.resolve("checkpoints/latest")).exists();
        // Running again finds the finished run and resumes at its last step: nothing left to do.
        CliRunner.Run again = CliRunner.run(args(tmp));
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("resumed from");
    }

    @Test
    void twoWorkers(@TempDir Path tmp) throws Exception {
        CliRunner.Run r = CliRunner.run(args(tmp, "--workers", "2"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("model.onnx")).exists();
        assertThat(Files.readString(tmp.resolve("checkpoints/latest"))).contains("step-00000003");
        assertThat(Files.list(tmp.resolve("checkpoints/step-00000003")).map(p -> p.getFileName().toString()))
                .contains("head-rank0.bin", "head-rank1.bin");
    }

    @Test
    void unknownKeysAndBackbonesAreExplained() {
        CliRunner.Run r = CliRunner.run("train", "--set", "optim.lrr=1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown config key 'optim.lrr'").contains("optim.lr");
        CliRunner.Run b = CliRunner.run("train", "--print-config", "--set", "head.loss=cosface");
        assertThat(b.exit()).isZero();
        assertThat(b.out()).contains("head.m3 = 0.4").contains("model.backbone = mbf");
    }
}
