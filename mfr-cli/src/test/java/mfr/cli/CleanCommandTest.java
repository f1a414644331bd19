package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mfr clean` on a small real identity folder built from LFW, with one image planted in the wrong identity. */
class CleanCommandTest {
    private static final List<String> PEOPLE = List.of("Ariel_Sharon", "Colin_Powell", "Donald_Rumsfeld",
            "George_W_Bush", "Gerhard_Schroeder", "Tony_Blair", "Hugo_Chavez", "Jean_Chretien");

    @Test
    void findsAPlantedImageAndWritesTheReport(@TempDir Path tmp) throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        Path data = Files.createDirectory(tmp.resolve("data"));
        int total = 0;
        for (String p : PEOPLE) {
            Path dir = Files.createDirectory(data.resolve(p));
            for (int i = 1; i <= 6; i++) {
                Files.copy(lfw.get().resolve(p).resolve(String.format("%s_%04d.jpg", p, i)), dir.resolve(p + "_" + i + ".jpg"));
                total++;
            }
        }
        Path planted = data.resolve("Tony_Blair").resolve("planted.jpg");
        Files.copy(lfw.get().resolve("Hugo_Chavez/Hugo_Chavez_0010.jpg"), planted);
        total++;
        // A folder of two people: a photo of someone in the set and one of a stranger. They disagree, so the folder
        // keeps neither by itself; the first joins its person (relabelled), the stranger matches nobody and stays.
        Path mixed = Files.createDirectory(data.resolve("Mixed"));
        Path hugo = mixed.resolve("hugo.jpg");
        Files.copy(lfw.get().resolve("Hugo_Chavez/Hugo_Chavez_0011.jpg"), hugo);
        Files.copy(lfw.get().resolve("Serena_Williams/Serena_Williams_0001.jpg"), mixed.resolve("serena.jpg"));
        total += 2;
        Path out = tmp.resolve("out");

        CliRunner.Run r = CliRunner.run("clean", data.toString(), "--out", out.toString(), "--json",
                "--merge-threshold", "0.5"); // 10 identities are too few to derive a threshold from (it would be 1)

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> removed = Files.readAllLines(out.resolve("removed.csv"));
        assertThat(removed).anyMatch(l -> l.startsWith(planted.toString()) && l.endsWith(",outlier"));
        assertThat(removed.size() - 1).isLessThanOrEqualTo(2);
        assertThat(Files.readAllLines(out.resolve("cleaned.csv"))).hasSize(1 + total - (removed.size() - 1));
        assertThat(Files.readAllLines(out.resolve("relabelled.csv")))
                .containsExactly("path,label,joined", hugo + ",Mixed,Hugo_Chavez");
        assertThat(Files.readAllLines(out.resolve("cleaned.csv"))).contains(hugo + ",Hugo_Chavez")
                .contains(mixed.resolve("serena.jpg") + ",Mixed");
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,");
        assertThat(Json.MAPPER.readTree(r.out()).get("merges").asInt()).isZero();
        assertThat(out.resolve("removed.png")).isNotEmptyFile();
        assertThat(out.resolve("relabelled.png")).isNotEmptyFile();
    }

    @Test
    void anOutOfRangeOptionIsAUsageError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("data/a"));
        CliRunner.Run r = CliRunner.run("clean", tmp.resolve("data").toString(), "--merge-rate", "1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad cleaning option").contains("mergeRate").doesNotContain("internal error");
    }
}
