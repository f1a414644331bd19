package mfr.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import mfr.core.error.MfrException;
import mfr.core.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    private static byte[] png(RgbImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img.toBufferedImage(), "png", out);
        return out.toByteArray();
    }

    @Test
    void recordIoPackReadsBackLabelsAndPixels(@TempDir Path tmp) throws Exception {
        SyntheticDataset src = new SyntheticDataset(3, 2, 1);
        try (RecordIoWriter w = new RecordIoWriter(tmp)) {
            for (int i = 0; i < src.size(); i++) {
                w.add(src.label(i), png(src.image(i)));
            }
        }
        // The first record is insightface's header: magic, length, IRHeader flag 2 and labels [7, 10].
        byte[] rec = Files.readAllBytes(tmp.resolve("train.rec"));
        ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt()).isEqualTo(0xced7230a);
        assertThat(b.getInt()).isEqualTo(24 + 8);
        assertThat(b.getInt()).isEqualTo(2);
        b.getFloat();
        b.getLong();
        b.getLong();
        assertThat(b.getFloat()).isEqualTo(7f);
        assertThat(b.getFloat()).isEqualTo(10f);
        assertThat(Files.readAllLines(tmp.resolve("train.idx"))).hasSize(1 + 6 + 3).first().isEqualTo("0\t0");
        try (RecordIoDataset ds = RecordIoDataset.open(tmp)) {
            assertThat(ds.size()).isEqualTo(6);
            assertThat(ds.numClasses()).isEqualTo(3);
            for (int i = 0; i < 6; i++) {
                assertThat(ds.label(i)).isEqualTo(src.label(i));
                assertThat(ds.image(i).rgb()).isEqualTo(src.image(i).rgb());
            }
        }
    }

    @Test
    void recordIoWithoutHeaderRecordUsesEveryRecord(@TempDir Path tmp) throws Exception {
        RgbImage img = new SyntheticDataset(2, 1, 3).image(0);
        byte[] r1 = RecordIo.frame(RecordIo.payload(0, 4f, 1, 0, new float[0], png(img)));
        byte[] r2 = RecordIo.frame(RecordIo.payload(1, 0f, 2, 0, new float[] {9f}, png(img)));
        Files.write(tmp.resolve("train.rec"), concat(r1, r2));
        Files.writeString(tmp.resolve("train.idx"), "1\t0\n2\t" + r1.length + "\n");
        try (RecordIoDataset ds = RecordIoDataset.open(tmp.resolve("train.rec"))) {
            assertThat(ds.size()).isEqualTo(2);
            assertThat(ds.label(0)).isEqualTo(4);
            assertThat(ds.label(1)).isEqualTo(9);
            assertThat(ds.numClasses()).isEqualTo(10);
        }
        Files.write(tmp.resolve("train.rec"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> RecordIoDataset.open(tmp)).isInstanceOf(MfrException.class).hasMessageContaining("magic");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void identityFoldersNumberIdentitiesInSortedOrder(@TempDir Path tmp) throws Exception {
        SyntheticDataset src = new SyntheticDataset(2, 2, 1);
        for (String id : List.of("zoe", "adam")) {
            Files.createDirectories(tmp.resolve(id));
        }
        Files.createDirectories(tmp.resolve("empty"));
        Files.write(tmp.resolve("zoe/1.png"), png(src.image(0)));
        Files.write(tmp.resolve("adam/1.png"), png(src.image(2)));
        Files.write(tmp.resolve("adam/2.png"), png(src.image(3)));
        Files.writeString(tmp.resolve("adam/notes.txt"), "not an image");
        IdentityFolderDataset ds = IdentityFolderDataset.open(tmp);
        assertThat(ds.identities()).containsExactly("adam", "zoe");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.label(0)).isZero();
        assertThat(ds.label(2)).isEqualTo(1);
        assertThat(ds.image(2).rgb()).isEqualTo(src.image(0).rgb());
        assertThatThrownBy(() -> IdentityFolderDataset.open(tmp.resolve("missing"))).isInstanceOf(MfrException.class);
    }

    @Test
    void loaderShufflesPerEpochDeterministicallyAndShardsWorkers() {
        SyntheticDataset ds = new SyntheticDataset(10, 4, 2);
        Preprocess prep = Preprocess.INSIGHTFACE;
        try (BatchLoader a = new BatchLoader(ds, 4, 0, 2, 9, Augment.flip(0.5), prep, 2);
             BatchLoader b = new BatchLoader(ds, 4, 1, 2, 9, Augment.flip(0.5), prep, 1);
             BatchLoader again = new BatchLoader(ds, 4, 0, 2, 9, Augment.flip(0.5), prep, 1)) {
            assertThat(a.batchesPerEpoch()).isEqualTo(5);
            Set<Long> seen = new HashSet<>();
            Batch first = null;
            for (int i = 0; i < 5; i++) {
                Batch x = a.next();
                Batch y = b.next();
                Batch z = again.next();
                if (i == 0) {
                    first = x;
                }
                assertThat(z.pixels()).isEqualTo(x.pixels());
                assertThat(z.labelValues()).isEqualTo(x.labelValues());
                assertThat(x.epoch()).isZero();
                for (float[] px : new float[][] {x.pixels(), y.pixels()}) {
                    seen.add((long) Arrays.hashCode(px));
                }
            }
            Batch nextEpoch = a.next();
            assertThat(nextEpoch.epoch()).isEqualTo(1);
            assertThat(nextEpoch.labelValues()).isNotEqualTo(first.labelValues());
            // A loader positioned with seek gives the same batch as one that got there by reading.
            again.seek(1, 0);
            assertThat(again.next().pixels()).isEqualTo(nextEpoch.pixels());
            assertThat(a.permutation(0)).isNotEqualTo(a.permutation(1));
        }
    }

    @Test
    void augmentationsChangeImagesReproducibly() {
        RgbImage img = new SyntheticDataset(2, 1, 4).image(0);
        Augment all = Augment.chain(List.of(Augment.flip(1), Augment.colour(1, 0.3, 0.3, 0.3), Augment.jpeg(1, 20, 40)));
        RgbImage x = all.apply(img, new SplittableRandom(5));
        RgbImage y = all.apply(img, new SplittableRandom(5));
        assertThat(x.rgb()).isEqualTo(y.rgb()).isNotEqualTo(img.rgb());
        assertThat(Augment.flip(1).apply(img, new SplittableRandom(1)).rgb()).isEqualTo(img.flipHorizontal().rgb());
        assertThat(Augment.flip(0).apply(img, new SplittableRandom(1))).isSameAs(img);
    }
}
