package mfr.mask.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mfr.core.error.MfrException;
import mfr.mask.TestFaces;
import mfr.mask.augment.MaskAugment;
import mfr.mask.render.MaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converting a small identity-folder dataset of real LFW photos. */
class DatasetMaskerTest {
    @TempDir
    Path tmp;

    private Path dataset() throws IOException {
        Path in = tmp.resolve("in");
        for (String person : List.of("Aaron_Peirsol", "AJ_Lamas")) {
            Files.createDirectories(in.resolve(person));
            for (int i = 1; i <= (person.equals("AJ_Lamas") ? 1 : 3); i++) {
                Path src = TestFaces.lfw(person, i);
                Files.copy(src, in.resolve(person).resolve(src.getFileName()));
            }
        }
        return in;
    }

    @Test
    void masksEveryFaceAtRatioOneKeepsTheLayoutAndResumes() throws IOException {
        Path in = dataset();
        Path out = tmp.resolve("out");
        DatasetMasker m = new DatasetMasker(TestFaces.analyzer(), new MaskAugment(1.0, MaskType.parseList("all")), 1);
        DatasetMasker.Summary s = m.run(in, out, 1, i -> { });
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.masked()).isEqualTo(4);
        assertThat(out.resolve("Aaron_Peirsol/Aaron_Peirsol_0002.jpg")).exists();
        assertThat(Files.mismatch(in.resolve("AJ_Lamas/AJ_Lamas_0001.jpg"), out.resolve("AJ_Lamas/AJ_Lamas_0001.jpg")))
                .isNotEqualTo(-1L);
        List<String> log = Files.readAllLines(out.resolve(DatasetMasker.LOG));
        assertThat(log).hasSize(5).first().isEqualTo(DatasetMasker.HEADER);
        assertThat(log.subList(1, 5)).allMatch(l -> l.contains(",masked,"));

        // Interrupted after two images: the rerun does only the rest and gives the same files.
        byte[] before = Files.readAllBytes(out.resolve("AJ_Lamas/AJ_Lamas_0001.jpg"));
        Files.write(out.resolve(DatasetMasker.LOG), List.of(log.get(0), log.get(1), log.get(2)));
        DatasetMasker.Summary again = m.run(in, out, 2, i -> { });
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(again.masked()).isEqualTo(2);
        assertThat(Files.readAllLines(out.resolve(DatasetMasker.LOG))).hasSize(5);
        assertThat(Files.readAllBytes(out.resolve("AJ_Lamas/AJ_Lamas_0001.jpg"))).isEqualTo(before);
    }

    @Test
    void ratioZeroCopiesEveryFileUnchanged() throws IOException {
        Path in = dataset();
        Path out = tmp.resolve("out0");
        DatasetMasker.Summary s = new DatasetMasker(TestFaces.analyzer(),
                new MaskAugment(0.0, MaskType.parseList("all")), 1).run(in, out, 1, i -> { });
        assertThat(s.unmasked()).isEqualTo(4);
        assertThat(Files.mismatch(in.resolve("Aaron_Peirsol/Aaron_Peirsol_0003.jpg"),
                out.resolve("Aaron_Peirsol/Aaron_Peirsol_0003.jpg"))).isEqualTo(-1L);
    }

    @Test
    void refusesToWriteIntoItsInput() throws IOException {
        Path in = dataset();
        DatasetMasker m = new DatasetMasker(TestFaces.analyzer(), new MaskAugment(1.0, List.of(MaskType.N95)), 1);
        assertThatThrownBy(() -> m.run(in, in, 1, i -> { })).isInstanceOf(MfrException.class);
    }

    @Test
    void augmentMasksAboutTheRatio() {
        MaskAugment a = new MaskAugment(0.3, MaskType.parseList("all"));
        java.util.Random rng = new java.util.Random(1);
        int masked = 0;
        for (int i = 0; i < 2000; i++) {
            masked += a.draw(rng) != null ? 1 : 0;
        }
        assertThat(masked / 2000.0).isBetween(0.26, 0.34);
        assertThatThrownBy(() -> new MaskAugment(1.5, List.of(MaskType.N95))).isInstanceOf(IllegalArgumentException.class);
    }
}
