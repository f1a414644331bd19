package mfr.train.data;

import mfr.core.image.RgbImage;

/**
 * How a crop becomes the network's input: channel order and {@code (pixel - mean) / std}, NCHW. insightface trains
 * RGB with mean 127.5, std 127.5; the default embedder {@code fr_feature} wants BGR with mean 127, std 128, and a
 * model exported from training is registered with the preprocessing it was trained with.
 */
public record Preprocess(boolean bgr, double mean, double std) {
    public static final Preprocess INSIGHTFACE = new Preprocess(false, 127.5, 127.5);

    public void write(RgbImage img, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] rgb = img.rgb();
        float m = (float) mean;
        float inv = (float) (1 / std);
        int p0 = offset + (bgr ? 2 * plane : 0);
        int p1 = offset + plane;
        int p2 = offset + (bgr ? 0 : 2 * plane);
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            out[p0 + i] = ((rgb[j] & 0xff) - m) * inv;
            out[p1 + i] = ((rgb[j + 1] & 0xff) - m) * inv;
            out[p2 + i] = ((rgb[j + 2] & 0xff) - m) * inv;
        }
    }
}
