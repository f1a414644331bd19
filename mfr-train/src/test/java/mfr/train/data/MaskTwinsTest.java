package mfr.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import mfr.core.error.MfrException;
import mfr.core.image.RgbImage;
import mfr.train.nn.ParamStore;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskTwinsTest {
    @Test
    void listRestrictsAndRelabelsByIdentityAndFileName(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("aligned");
        for (String f : new String[] {"x/1.png", "x/2.png", "y/1.png", "y/3.png", "z/5.png"}) {
            write(root.resolve(f), 10);
        }
        // As mfr clean writes it: original paths (other folder, .jpg), y merged into x, x/2 and z dropped.
        Path list = tmp.resolve("cleaned.csv");
        Files.writeString(list, "path,label\n../raw/x/1.jpg,x\n../raw/y/1.jpg,x\n../raw/y/3.jpg,x\n"
                + "../raw/q/9.jpg,q\n\"../raw/z/5.jpg\",zed\n");
        IdentityFolderDataset ds = IdentityFolderDataset.open(root).restrictTo(list);
        assertThat(ds.size()).isEqualTo(4);
        assertThat(ds.identities()).containsExactly("x", "zed");
        assertThat(ds.label(0)).isEqualTo(0);
        assertThat(ds.label(2)).isEqualTo(0);
        assertThat(ds.label(3)).isEqualTo(1);
        assertThat(ds.describe()).contains("4 of 5 listed images found");

        Files.writeString(list, "path,label\nother/1.jpg,a\n");
        assertThatThrownBy(() -> IdentityFolderDataset.open(root).restrictTo(list)).isInstanceOf(MfrException.class)
                .hasMessageContaining("none of its 1 images");
        Files.writeString(list, "path,label\nno comma here\n");
        assertThatThrownBy(() -> IdentityFolderDataset.open(root).restrictTo(list)).isInstanceOf(MfrException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void twinsAreDrawnWithTheirProbabilityAndOnlyWhereTheyExist(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("faces");
        Path v1 = tmp.resolve("masked-1");
        Path v2 = tmp.resolve("masked-2");
        for (int i = 0; i < 20; i++) {
            write(root.resolve("p/" + i + ".png"), 10);
            if (i % 2 == 0) {
                write(v1.resolve("p/" + i + ".png"), 100);
                write(v2.resolve("p/" + i + ".png"), 200);
            }
        }
        IdentityFolderDataset ds = IdentityFolderDataset.open(root);
        MaskTwins always = MaskTwins.find(ds, List.of(v1, v2), 1.0);
        assertThat(always.samplesWithTwin()).isEqualTo(10);
        int fromFirst = 0;
        int fromSecond = 0;
        for (int i = 0; i < ds.size(); i++) {
            boolean hasTwin = IdentityFolderDataset.key(ds.file(i)).matches("p/\\d*[02468]");
            for (int e = 0; e < 10; e++) {
                RgbImage img = always.draw(i, new SplittableRandom(e * 100L + i));
                assertThat(img != null).as("sample " + ds.file(i)).isEqualTo(hasTwin);
                if (img != null) {
                    int v = img.rgb()[0] & 0xff;
                    fromFirst += v == 100 ? 1 : 0;
                    fromSecond += v == 200 ? 1 : 0;
                }
            }
        }
        assertThat(fromFirst + fromSecond).isEqualTo(100);
        assertThat(fromFirst).isBetween(30, 70);
        MaskTwins never = MaskTwins.find(ds, List.of(v1), 0.0);
        for (int i = 0; i < ds.size(); i++) {
            assertThat(never.draw(i, new SplittableRandom(i))).isNull();
        }
        MaskTwins some = MaskTwins.find(ds, List.of(v1), 0.3);
        int drawn = 0;
        for (int e = 0; e < 200; e++) {
            drawn += some.draw(0, new SplittableRandom(e)) != null ? 1 : 0;
        }
        assertThat(drawn).isBetween(40, 80);
        assertThatThrownBy(() -> MaskTwins.find(ds, List.of(tmp.resolve("none")), 0.5)).isInstanceOf(MfrException.class);

        // A cleaned set that renamed an identity (a merge) still finds twins by a file name unique among them.
        Path merged = tmp.resolve("merged");
        write(merged.resolve("q+p/0.png"), 10);
        write(merged.resolve("q+p/1.png"), 10);
        Path dup = tmp.resolve("dup");
        write(dup.resolve("r/1.png"), 50);
        write(dup.resolve("s/1.png"), 60);
        MaskTwins renamed = MaskTwins.find(IdentityFolderDataset.open(merged), List.of(v1, dup), 1.0);
        assertThat(renamed.samplesWithTwin()).isEqualTo(1);
    }

    @Test
    void freezingLeadingTensorsStopsTheirGradients() {
        mfr.train.engine.Torch.init(1);
        try (ParamStore p = new ParamStore()) {
            for (int i = 0; i < 5; i++) {
                p.add("w" + i, torch.zeros(2), true);
            }
            p.add("state", torch.zeros(2), false);
            assertThat(p.freezeLeading(0.5)).containsExactly("w0", "w1");
            assertThat(p.trainableNames()).containsExactly("w2", "w3", "w4");
            assertThat(p.get("w0").requires_grad()).isFalse();
            assertThat(p.get("w2").requires_grad()).isTrue();
        }
    }

    private static void write(Path file, int value) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                img.setRGB(x, y, (value << 16) | (value << 8) | value);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
