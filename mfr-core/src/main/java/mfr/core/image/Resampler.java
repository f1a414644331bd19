package mfr.core.image;

/**
 * Bilinear resampling with OpenCV's pixel-centre convention ({@code src = (dst + 0.5) * scale - 0.5}).
 * When shrinking by more than 1.5x, each output pixel averages ceil(scale) x ceil(scale) bilinear samples
 * spread over its footprint, so a large photo reduced for the detector is not aliased.
 */
public final class Resampler {
    private Resampler() {
    }

    public static RgbImage resize(RgbImage src, int width, int height) {
        return crop(src, 0, 0, src.width(), src.height(), width, height, 0);
    }

    /**
     * Resamples the source rectangle (x, y, w, h), which may extend outside the image, to outW x outH.
     * Samples outside the image take the value {@code fill} in every channel.
     */
    public static RgbImage crop(RgbImage src, double x, double y, double w, double h, int outW, int outH, int fill) {
        double sx = w / outW;
        double sy = h / outH;
        int nx = sx > 1.5 ? (int) Math.ceil(sx) : 1;
        int ny = sy > 1.5 ? (int) Math.ceil(sy) : 1;
        byte[] out = new byte[outW * outH * 3];
        float[] acc = new float[3];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                acc[0] = acc[1] = acc[2] = 0;
                for (int j = 0; j < ny; j++) {
                    double py = y + (oy + (j + 0.5) / ny) * sy - 0.5;
                    for (int i = 0; i < nx; i++) {
                        double px = x + (ox + (i + 0.5) / nx) * sx - 0.5;
                        sample(src, px, py, fill, acc);
                    }
                }
                int d = (oy * outW + ox) * 3;
                float n = nx * ny;
                out[d] = (byte) Math.round(acc[0] / n);
                out[d + 1] = (byte) Math.round(acc[1] / n);
                out[d + 2] = (byte) Math.round(acc[2] / n);
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /** Adds the bilinear sample at (px, py) to acc; neighbours outside the image count as {@code fill}. */
    static void sample(RgbImage src, double px, double py, int fill, float[] acc) {
        int x0 = (int) Math.floor(px);
        int y0 = (int) Math.floor(py);
        float fx = (float) (px - x0);
        float fy = (float) (py - y0);
        int w = src.width();
        int h = src.height();
        byte[] rgb = src.rgb();
        for (int c = 0; c < 3; c++) {
            float v00 = value(rgb, w, h, x0, y0, c, fill);
            float v10 = value(rgb, w, h, x0 + 1, y0, c, fill);
            float v01 = value(rgb, w, h, x0, y0 + 1, c, fill);
            float v11 = value(rgb, w, h, x0 + 1, y0 + 1, c, fill);
            float top = v00 + (v10 - v00) * fx;
            float bottom = v01 + (v11 - v01) * fx;
            acc[c] += top + (bottom - top) * fy;
        }
    }

    private static float value(byte[] rgb, int w, int h, int x, int y, int c, int fill) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return fill;
        }
        return rgb[(y * w + x) * 3 + c] & 0xff;
    }
}
