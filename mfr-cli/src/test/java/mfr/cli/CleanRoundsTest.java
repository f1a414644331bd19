package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import mfr.onnx.model.DefaultModels;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelManifest;
import mfr.onnx.model.ModelSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `mfr clean --rounds 2` end to end on a small real identity folder (LFW photos in a temporary folder, one
 * planted in the wrong identity): round 1 cleans with fr_feature, then fr_feature is fine-tuned for a few steps on
 * the cleaned set, exported, registered and used to embed everything again for round 2. MFR_HOME points at a
 * temporary copy of the models so the registration stays out of ~/.mfr.
 */
class CleanRoundsTest {
    private static final List<String> PEOPLE = List.of("Ariel_Sharon", "Colin_Powell", "Donald_Rumsfeld",
            "George_W_Bush", "Tony_Blair", "Hugo_Chavez");
    private static final int PER_PERSON = 5;

    @Test
    void twoRoundsTrainRegisterAndEmbedAgainWithTheNewModel(@TempDir Path tmp) throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        Assumptions.assumeTrue(System.getenv("MFR_HOME") == null,
                "MFR_HOME is set; this test points the mfr.home property at a temporary copy of the models instead");
        MfrHome real = MfrHome.resolve();
        new ModelInstaller(real).ensureInstalled();
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("models"));
        for (ModelSpec s : DefaultModels.SPECS) {
            Files.copy(real.models().resolve(s.file()), home.resolve("models").resolve(s.file()));
        }
        Files.copy(real.models().resolve(ModelManifest.FILE), home.resolve("models").resolve(ModelManifest.FILE));

        Path data = Files.createDirectory(tmp.resolve("faces"));
        int total = 0;
        for (String p : PEOPLE) {
            Path dir = Files.createDirectory(data.resolve(p));
            for (int i = 1; i <= PER_PERSON; i++) {
                Files.copy(lfw.get().resolve(p).resolve(String.format("%s_%04d.jpg", p, i)),
                        dir.resolve(p + "_" + i + ".jpg"));
                total++;
            }
        }
        Path planted = data.resolve("Tony_Blair").resolve("planted.jpg");
        Files.copy(lfw.get().resolve("Hugo_Chavez/Hugo_Chavez_0010.jpg"), planted);
        total++;
        Path out = tmp.resolve("iter");
        Path config = Path.of(System.getProperty("mfr.repo.root", ".")).resolve("configs/train/finetune-fr_feature.conf");

        String old = System.getProperty("mfr.home");
        System.setProperty("mfr.home", home.toString());
        CliRunner.Run r;
        try {
            r = CliRunner.run("clean", data.toString(), "--rounds", "2", "--train-config", config.toString(),
                    "--train-set", "optim.steps=3", "--train-set", "optim.batchSize=8",
                    "--train-set", "optim.warmupSteps=1", "--train-set", "run.verifyEvery=0",
                    "--train-set", "run.checkpointEvery=0", "--out", out.toString(), "--json");
        } finally {
            if (old == null) {
                System.clearProperty("mfr.home");
            } else {
                System.setProperty("mfr.home", old);
            }
        }
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("round 2/2: training on round 1's cleaned set");

        JsonNode doc = Json.MAPPER.readTree(out.resolve("rounds.json").toFile());
        assertThat(Json.MAPPER.readTree(r.out())).isEqualTo(doc);
        assertThat(doc.get("images").asInt()).isEqualTo(total);
        JsonNode rounds = doc.get("rounds");
        assertThat(rounds).hasSize(2);
        JsonNode r1 = rounds.get(0);
        JsonNode r2 = rounds.get(1);

        // Round 1: the starting model, nothing trained; the planted photo is found.
        assertThat(r1.get("model").asText()).startsWith("fr_feature:");
        assertThat(r1.get("training").isNull()).isTrue();
        assertThat(r1.get("changeFromPreviousRound").isNull()).isTrue();
        assertThat(Files.readAllLines(out.resolve("round-1/removed.csv")))
                .anyMatch(l -> l.startsWith(planted.toString() + ","));

        // Round 2: trained on round 1's kept images (links to the aligned crops), exported, registered, embedded with.
        JsonNode t = r2.get("training");
        long kept1 = r1.get("clean").get("kept").asLong();
        assertThat(t.get("steps").asInt()).isEqualTo(3);
        assertThat(t.get("images").asLong() + t.get("missingCrops").asLong()).isEqualTo(kept1);
        assertThat(t.get("lastLoss").isNumber()).isTrue();
        assertThat(out.resolve("round-2/train/model.onnx")).isNotEmptyFile();
        String registered = t.get("registeredAs").asText();
        assertThat(registered).startsWith("iter-r2:");
        assertThat(r2.get("model").asText()).isEqualTo(registered);
        assertThat(ModelManifest.read(home.resolve("models")).find("iter-r2")).isPresent();
        assertThat(ModelManifest.read(real.models()).find("iter-r2")).isEmpty();
        List<Path> links;
        try (Stream<Path> s = Files.walk(out.resolve("round-2/data"))) {
            links = s.filter(Files::isSymbolicLink).toList();
        }
        assertThat(links).hasSize(t.get("images").asInt());
        assertThat(links).allSatisfy(l -> assertThat(Files.readSymbolicLink(l).toString())
                .startsWith(home.resolve("cache/aligned/faces-").toString()));
        assertThat(links).noneMatch(l -> l.getFileName().toString().startsWith("planted"));

        // Every image was embedded again by the new model: its own cache file beside fr_feature's.
        JsonNode e2 = r2.get("embedding");
        assertThat(e2.get("fromCache").asInt()).isZero();
        assertThat(e2.get("embedded").asInt()).isEqualTo(total);
        List<String> caches = new ArrayList<>();
        try (Stream<Path> s = Files.list(home.resolve("cache/embeddings"))) {
            s.forEach(p -> caches.add(p.getFileName().toString()));
        }
        assertThat(caches).anyMatch(n -> n.startsWith(registered.replace(':', '_') + "+"))
                .anyMatch(n -> n.startsWith("fr_feature_"));

        // The summary adds up, per round and between rounds.
        for (int k = 0; k < 2; k++) {
            JsonNode c = rounds.get(k).get("clean");
            assertThat(c.get("kept").asLong() + c.get("removed").asLong()).isEqualTo(c.get("samples").asLong());
            assertThat(Files.readAllLines(out.resolve("round-" + (k + 1) + "/cleaned.csv")))
                    .hasSize(1 + c.get("kept").asInt());
        }
        JsonNode d = r2.get("changeFromPreviousRound");
        assertThat(d.get("keptBoth").asLong() + d.get("newlyRemoved").asLong()).isEqualTo(kept1);
        assertThat(d.get("keptBoth").asLong() + d.get("restored").asLong())
                .isEqualTo(r2.get("clean").get("kept").asLong());
        assertThat(Files.readString(out.resolve("cleaned.csv"))).isEqualTo(Files.readString(out.resolve("round-2/cleaned.csv")));
        assertThat(Files.readString(out.resolve("report.html"))).contains("Rounds of cleaning and training")
                .contains(registered);
    }

    @Test
    void theSameMergeInAnotherRoundIsTheSameWhateverItsDirectionOrSplitPass() {
        assertThat(CleanRounds.pairs(java.util.Map.of("7319#split2", "7317")))
                .isEqualTo(CleanRounds.pairs(java.util.Map.of("7317", "7319#split1")))
                .containsExactly("7317 + 7319#split");
        assertThat(CleanRounds.pairs(java.util.Map.of("a", "b"))).isNotEqualTo(CleanRounds.pairs(java.util.Map.of("a", "c")));
    }

    @Test
    void badRoundOptionsAreExplained(@TempDir Path tmp) {
        CliRunner.Run zero = CliRunner.run("clean", tmp.toString(), "--rounds", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--rounds must be at least 1");
        CliRunner.Run noConfig = CliRunner.run("clean", tmp.toString(), "--rounds", "2");
        assertThat(noConfig.exit()).isEqualTo(2);
        assertThat(noConfig.err()).contains("give --train-config");
        CliRunner.Run missing = CliRunner.run("clean", tmp.toString(), "--rounds", "2", "--train-config",
                tmp.resolve("nope.conf").toString());
        assertThat(missing.exit()).isEqualTo(8);
        assertThat(missing.err()).contains("nope.conf: no such config file");
        CliRunner.Run reserved = CliRunner.run("clean", tmp.toString(), "--rounds", "2", "--train-config",
                tmp.resolve("nope.conf").toString(), "--train-set", "data.path=/x");
        assertThat(reserved.exit()).isEqualTo(2);
        assertThat(reserved.err()).contains("data.path");
        CliRunner.Run oneRound = CliRunner.run("clean", tmp.toString(), "--train-config", tmp.resolve("x.conf").toString());
        assertThat(oneRound.exit()).isEqualTo(2);
        assertThat(oneRound.err()).contains("need --rounds 2 or more");
    }
}
