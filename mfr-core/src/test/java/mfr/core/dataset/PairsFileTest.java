package mfr.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsFileTest {
    @Test
    void readsSameAndDifferentPairsWithFolds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pairs.txt");
        Files.writeString(f, "2 1\nAnn\t1\t2\nBob 1 Cy 3\nDee 2 4\nEd 1 Flo 1\n");
        List<ImagePair> p = PairsFile.read(f, dir, "jpg");
        assertThat(p).hasSize(4);
        assertThat(p.get(0).same()).isTrue();
        assertThat(p.get(0).first()).isEqualTo(dir.resolve("Ann/Ann_0001.jpg"));
        assertThat(p.get(1).same()).isFalse();
        assertThat(p.get(1).second()).isEqualTo(dir.resolve("Cy/Cy_0003.jpg"));
        assertThat(p).extracting(ImagePair::fold).containsExactly(0, 0, 1, 1);
    }

    @Test
    void readsLfwViewOneFilesWithTheirOneNumberHeaderAsOneFold(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pairsDevTest.txt");
        Files.writeString(f, "1\nAnn 1 2\nBob 1 Cy 3\n");
        List<ImagePair> p = PairsFile.read(f, dir, "jpg");
        assertThat(p).extracting(ImagePair::same).containsExactly(true, false);
        assertThat(p).extracting(ImagePair::fold).containsExactly(0, 0);
    }

    @Test
    void foldBalancedSampleTakesTheFirstPairsOfEachKindInEveryFold(@TempDir Path dir) {
        java.util.List<ImagePair> all = new java.util.ArrayList<>();
        for (int fold = 0; fold < 10; fold++) {
            for (int i = 0; i < 5; i++) {
                all.add(new ImagePair(dir.resolve("s" + fold + "_" + i), dir, true, fold));
            }
            for (int i = 0; i < 5; i++) {
                all.add(new ImagePair(dir.resolve("d" + fold + "_" + i), dir, false, fold));
            }
        }
        List<ImagePair> sample = PairsFile.foldBalancedSample(all, 40);
        assertThat(sample).hasSize(40);
        assertThat(sample).filteredOn(ImagePair::same).hasSize(20);
        assertThat(sample).filteredOn(p -> p.fold() == 3).hasSize(4);
        assertThat(sample.get(0).first()).isEqualTo(dir.resolve("s0_0"));
        assertThat(sample).noneMatch(p -> p.first().getFileName().toString().endsWith("_2"));
    }

    @Test
    void badLinesNameTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pairs.txt");
        Files.writeString(f, "Ann 1 2\nnonsense\n");
        assertThatThrownBy(() -> PairsFile.read(f, dir, "jpg")).isInstanceOf(MfrException.class)
                .hasMessageContaining("pairs.txt:2").extracting(e -> ((MfrException) e).code()).isEqualTo(ErrorCode.USAGE);
    }
}
