package mfr.eval.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLabelsTest {
    @Test
    void readsCsvByRelativePathOrFileName(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("l.csv"), "image,gender,age\nAnn/Ann_0001.jpg,female,20-29\n"
                + "Bob_0001.jpg,male,\n# comment\n");
        ImageLabels l = ImageLabels.csv(csv);
        assertThat(l.attributes()).containsExactly("gender", "age");
        assertThat(l.get(tmp, tmp.resolve("Ann/Ann_0001.jpg"), "gender")).isEqualTo("female");
        assertThat(l.get(tmp, tmp.resolve("Bob/Bob_0001.jpg"), "gender")).isEqualTo("male");
        assertThat(l.get(tmp, tmp.resolve("Bob/Bob_0001.jpg"), "age")).isNull();
        assertThat(l.get(tmp, tmp.resolve("Cy/Cy_0001.jpg"), "gender")).isNull();
    }

    @Test
    void badCsvSaysWhatIsWrong(@TempDir Path tmp) throws Exception {
        Path noHeader = Files.writeString(tmp.resolve("a.csv"), "x.jpg,female\n");
        assertThatThrownBy(() -> ImageLabels.csv(noHeader)).isInstanceOf(MfrException.class)
                .hasMessageContaining("header must be 'image,<attribute>");
        Path ragged = Files.writeString(tmp.resolve("b.csv"), "image,gender\nx.jpg,female,extra\n");
        assertThatThrownBy(() -> ImageLabels.csv(ragged)).hasMessageContaining("b.csv:2: 3 fields, the header has 2");
    }

    @Test
    void readsTheLabelsThatShipWithMfr2AndLfw() {
        Optional<Path> mfr2 = SharedData.dataset("mfr2");
        Assumptions.assumeTrue(mfr2.isPresent(), SharedData.missingReason("mfr2"));
        ImageLabels m = ImageLabels.mfr2(mfr2.get());
        assertThat(m.size()).isGreaterThan(100);
        Path img = mfr2.get().resolve("AdrianDunbar/AdrianDunbar_0001.png");
        assertThat(m.get(mfr2.get(), img, "mask")).isEqualTo("masked");
        assertThat(m.get(mfr2.get(), img, "mask_type")).isEqualTo("surgical_blue");
        assertThat(m.get(mfr2.get(), mfr2.get().resolve("AdrianDunbar/AdrianDunbar_0002.png"), "mask"))
                .isEqualTo("unmasked");

        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        ImageLabels g = ImageLabels.lfwGender(lfw.get());
        assertThat(g.size()).isGreaterThan(13000);
        assertThat(g.get(lfw.get(), lfw.get().resolve("AJ_Cook/AJ_Cook_0001.jpg"), "gender"))
                .isEqualTo("female");
        assertThat(g.get(lfw.get(), lfw.get().resolve("Eric_Lloyd/Eric_Lloyd_0001.jpg"), "gender")).isEqualTo("male");
        // Listed as both female and male in the published lists: left out.
        assertThat(g.get(lfw.get(), lfw.get().resolve("Claudia_Coslovich/Claudia_Coslovich_0001.jpg"), "gender"))
                .isNull();
    }
}
