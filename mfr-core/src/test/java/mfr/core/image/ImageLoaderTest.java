package mfr.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageLoaderTest {
    private final ImageLoader loader = new ImageLoader();

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "jpeg"})
    void decodesCommonFormatsToRgb(String format) throws Exception {
        LoadedImage img = loader.decode(TestImages.encode(TestImages.marked(64, 48), format), "x." + format);
        assertThat(img.image().width()).isEqualTo(64);
        assertThat(img.image().height()).isEqualTo(48);
        assertThat(img.subsampling()).isEqualTo(1);
        // Left half red, right half blue (JPEG within tolerance).
        assertThat(img.image().get(20, 30, 0)).isGreaterThan(200);
        assertThat(img.image().get(20, 30, 2)).isLessThan(60);
        assertThat(img.image().get(50, 30, 2)).isGreaterThan(200);
        assertThat(img.image().get(50, 30, 0)).isLessThan(60);
    }

    @Test
    void decodesProgressiveJpeg() throws Exception {
        LoadedImage img = loader.decode(TestImages.progressiveJpeg(TestImages.marked(64, 48)), "p.jpg");
        assertThat(img.image().get(20, 30, 0)).isGreaterThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"marked-cmyk.jpg", "marked-lossy.webp", "marked-lossless.webp"})
    void decodesCmykJpegAndWebp(String file) throws Exception {
        byte[] bytes;
        try (var in = getClass().getResourceAsStream("/images/" + file)) {
            bytes = in.readAllBytes();
        }
        LoadedImage img = loader.decode(bytes, file);
        assertThat(img.image().width()).isEqualTo(64);
        assertThat(img.image().height()).isEqualTo(48);
        assertThat(img.image().get(20, 30, 0)).isGreaterThan(200);
        assertThat(img.image().get(20, 30, 2)).isLessThan(60);
        assertThat(img.image().get(50, 30, 2)).isGreaterThan(200);
        assertThat(img.image().get(50, 30, 0)).isLessThan(60);
        assertThat(img.image().get(1, 1, 1)).isGreaterThan(180);
    }

    @Test
    void webpAndCmykCapableReadersAreRegistered() {
        assertThat(ImageIO.getImageReadersByFormatName("webp").hasNext()).isTrue();
        // TwelveMonkeys' JPEG reader (CMYK/YCCK support) is there as the fallback of the JDK's.
        boolean twelveMonkeys = false;
        for (var it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            twelveMonkeys |= it.next().getClass().getName().contains("twelvemonkeys");
        }
        assertThat(twelveMonkeys).isTrue();
    }

    @Test
    void respectsExifOrientation() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.marked(64, 48), "jpeg");
        // 6: stored image must be rotated 90 degrees clockwise to be upright.
        LoadedImage img = loader.decode(TestImages.withExifOrientation(jpeg, 6), "rot.jpg");
        assertThat(img.image().width()).isEqualTo(48);
        assertThat(img.image().height()).isEqualTo(64);
        assertThat(img.width()).isEqualTo(48);
        // The green top-left corner moves to the top-right; red (left half) moves to the top half.
        assertThat(img.image().get(46, 1, 1)).isGreaterThan(200);
        assertThat(img.image().get(24, 10, 0)).isGreaterThan(200);
        assertThat(img.image().get(24, 54, 2)).isGreaterThan(200);
    }

    @Test
    void subsamplesLargeImagesForDecoding() throws Exception {
        ImageLoader small = new ImageLoader(new ImageLimits(1 << 20, 10_000_000, 100));
        LoadedImage img = small.decode(TestImages.encode(TestImages.marked(250, 120), "png"), "big.png");
        assertThat(img.subsampling()).isEqualTo(3);
        assertThat(img.image().width()).isEqualTo(84);
        assertThat(img.width()).isEqualTo(250);
    }

    @Test
    void emptyFileIsUnreadable() {
        assertError(new byte[0], ErrorCode.IMAGE_UNREADABLE, "empty");
    }

    @Test
    void textIsNotAnImage() {
        assertError("hello, this is not an image".getBytes(), ErrorCode.IMAGE_UNREADABLE, "not an image");
    }

    @Test
    void truncatedJpegIsRefused() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.marked(640, 480), "jpeg");
        assertError(Arrays.copyOf(jpeg, jpeg.length / 2), ErrorCode.IMAGE_UNREADABLE, "truncated");
    }

    @Test
    void truncatedPngIsRefused() throws Exception {
        byte[] png = TestImages.encode(TestImages.marked(640, 480), "png");
        assertError(Arrays.copyOf(png, png.length / 2), ErrorCode.IMAGE_UNREADABLE, "truncated");
    }

    @Test
    void hugeHeaderIsRefusedBeforeDecoding() {
        assertError(TestImages.pngHeader(30000, 30000), ErrorCode.IMAGE_TOO_LARGE, "30000x30000");
    }

    @Test
    void tooManyBytesIsRefused() {
        ImageLoader tiny = new ImageLoader(new ImageLimits(10, 1000, 100));
        assertThatThrownBy(() -> tiny.decode(new byte[11], "f.jpg")).isInstanceOf(MfrException.class)
                .extracting(e -> ((MfrException) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void missingFileAndDirectoryAreReported(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.jpg"))).isInstanceOf(MfrException.class)
                .extracting(e -> ((MfrException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(MfrException.class)
                .hasMessageContaining("directory");
    }

    @Test
    void loadsFromDisk(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.png");
        Files.write(f, TestImages.encode(TestImages.marked(30, 20), "png"));
        assertThat(loader.load(f).image().width()).isEqualTo(30);
    }

    private void assertError(byte[] bytes, ErrorCode code, String text) {
        assertThatThrownBy(() -> loader.decode(bytes, "bad.img"))
                .isInstanceOf(MfrException.class)
                .hasMessageStartingWith("bad.img: ")
                .hasMessageContaining(text)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .extracting(e -> ((MfrException) e).code()).isEqualTo(code);
    }
}
