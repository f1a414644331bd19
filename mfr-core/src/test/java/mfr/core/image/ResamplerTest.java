package mfr.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void shrinkingAStripePatternAveragesInsteadOfAliasing() {
        // Alternating black/white columns: plain bilinear at 1/4 scale would pick one phase; averaging gives grey.
        int w = 400;
        int h = 8;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x += 2) {
                int i = (y * w + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) 255;
            }
        }
        RgbImage out = Resampler.resize(new RgbImage(w, h, rgb), 100, 2);
        for (int x = 0; x < 100; x++) {
            assertThat(out.get(x, 0, 0)).isBetween(100, 155);
        }
    }

    @Test
    void cropOutsideTheImageIsFilled() {
        RgbImage img = new RgbImage(2, 2, new byte[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10});
        RgbImage out = Resampler.crop(img, -10, -10, 4, 4, 4, 4, 77);
        assertThat(out.get(0, 0, 0)).isEqualTo(77);
    }

    @Test
    void flipAndRotate() {
        RgbImage img = new RgbImage(2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(img.flipHorizontal().get(0, 0, 0)).isEqualTo(4);
        RgbImage r = img.orient(false, 1);
        assertThat(r.width()).isEqualTo(1);
        assertThat(r.height()).isEqualTo(2);
        assertThat(r.get(0, 0, 0)).isEqualTo(1);
        assertThat(r.get(0, 1, 0)).isEqualTo(4);
    }
}
