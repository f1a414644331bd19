package mfr.train.classify;

import java.util.Random;

/**
 * Light augmentation of one normalised CHW image (3 channels): horizontal flip, brightness and contrast, a per-channel
 * gain, and a shift by whole pixels (edges repeated). Draws only from the generator it is given, so a seeded
 * generator gives the same images.
 *
 * @param flip       probability of a horizontal flip
 * @param brightness largest offset added to every value (normalised units: 1 = 128 grey levels)
 * @param contrast   largest relative change of the contrast around the image's mean (0.2: x 0.8 .. 1.2)
 * @param colour     largest relative change of each channel's gain (0.1: x 0.9 .. 1.1)
 * @param shift      largest shift in pixels, each axis
 */
public record ChwAugment(double flip, double brightness, double contrast, double colour, int shift) {
    public static final ChwAugment NONE = new ChwAugment(0, 0, 0, 0, 0);

    public ChwAugment {
        if (flip < 0 || flip > 1 || brightness < 0 || contrast < 0 || contrast >= 1 || colour < 0 || colour >= 1
                || shift < 0) {
            throw new IllegalArgumentException("augmentation: flip in [0,1], brightness >= 0, contrast and colour in"
                    + " [0,1), shift >= 0");
        }
    }

    /** Writes the augmented {@code src} ([3, size, size]) into {@code dst} at {@code offset}. */
    public void apply(float[] src, int size, Random r, float[] dst, int offset) {
        int plane = size * size;
        boolean flipped = r.nextDouble() < flip;
        double b = brightness * (2 * r.nextDouble() - 1);
        double k = 1 + contrast * (2 * r.nextDouble() - 1);
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = 1 + colour * (2 * r.nextDouble() - 1);
        }
        int dx = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
        int dy = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
        double mean = 0;
        for (int i = 0; i < 3 * plane; i++) {
            mean += src[i];
        }
        mean /= 3 * plane;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                int sy = Math.min(size - 1, Math.max(0, y - dy));
                for (int x = 0; x < size; x++) {
                    int sx = Math.min(size - 1, Math.max(0, x - dx));
                    if (flipped) {
                        sx = size - 1 - sx;
                    }
                    double v = src[c * plane + sy * size + sx];
                    dst[offset + c * plane + y * size + x] = (float) ((mean + (v - mean) * k) * gain[c] + b);
                }
            }
        }
    }
}
