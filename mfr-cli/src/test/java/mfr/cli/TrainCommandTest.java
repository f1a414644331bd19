package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.Assumptions;
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

    /**
     * Mask-robust fine-tuning from the command line on real faces: masked copies are rendered and aligned once,
     * swapped in at the configured ratio, and the run distils from the starting model.
     */
    @Test
    void rendersMaskedTwinsAndDistils(@TempDir Path tmp) throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        Path data = tmp.resolve("faces");
        for (String p : new String[] {"Colin_Powell", "Tony_Blair"}) {
            Files.createDirectories(data.resolve(p));
            for (int i = 1; i <= 4; i++) {
                String f = String.format("%s_%04d.jpg", p, i);
                Files.copy(lfw.get().resolve(p).resolve(f), data.resolve(p).resolve(f));
            }
        }
        CliRunner.Run r = CliRunner.run("train", repoFile("configs/train/mask-robust.conf"), "--set", "data.path=" + data, "--set", "data.mask=1",
                "--set", "data.maskVariants=1", "--set", "optim.batchSize=4", "--set", "optim.steps=2",
                "--set", "optim.warmupSteps=0", "--set", "run.checkpointEvery=0", "--set", "run.output=" + tmp.resolve("run"),
                "--json");
        String twins = r.err().lines().filter(l -> l.startsWith("mfr: masked copies for data.mask=1.0: "))
                .map(l -> l.substring(l.indexOf(": ", 5) + 2)).findFirst().orElse(null);
        try {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(twins).as(r.err()).isNotNull().contains("faces-").endsWith("-masked-s42");
            assertThat(r.err()).contains("masked twins for 8 of 8 samples, used with probability 1.00");
            assertThat(Path.of(twins).resolve("Tony_Blair/Tony_Blair_0001.jpg")).isRegularFile();
            assertThat(tmp.resolve("run/teacher.f32")).isRegularFile();
            assertThat(tmp.resolve("run/model.onnx")).isRegularFile();
            // Every sample was a masked twin: the distillation term starts far from zero.
            assertThat(Json.MAPPER.readTree(r.out()).at("/result/firstLoss").asDouble()).isGreaterThan(1.0);
        } finally {
            // The caches this test made in $MFR_HOME: the masked copy, its aligned crops, the aligned originals.
            java.util.List<Path> made = new java.util.ArrayList<>(java.util.List.of(
                    mfr.train.data.Datasets.alignedCache(data, 0)));
            if (twins != null) {
                made.add(Path.of(twins));
                made.add(mfr.train.data.Datasets.alignedCache(Path.of(twins), 0));
            }
            for (Path dir : made) {
                if (Files.exists(dir)) {
                    try (Stream<Path> s = Files.walk(dir)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
    }

    private static String repoFile(String relative) {
        Path p = Path.of(relative);
        return Files.exists(p) ? p.toString() : Path.of("..").resolve(relative).toString();
    }
}
