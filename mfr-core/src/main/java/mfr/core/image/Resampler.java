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
        // Sample positions are separable: precompute the integer cell and fraction of every column and row sample.
        int[] cx = new int[outW * nx];
        float[] fx = new float[outW * nx];
        for (int ox = 0, k = 0; ox < outW; ox++) {
            for (int i = 0; i < nx; i++, k++) {
                double px = x + (ox + (i + 0.5) / nx) * sx - 0.5;
                cx[k] = (int) Math.floor(px);
                fx[k] = (float) (px - cx[k]);
            }
        }
        int[] cy = new int[outH * ny];
        float[] fy = new float[outH * ny];
        for (int oy = 0, k = 0; oy < outH; oy++) {
            for (int j = 0; j < ny; j++, k++) {
                double py = y + (oy + (j + 0.5) / ny) * sy - 0.5;
                cy[k] = (int) Math.floor(py);
                fy[k] = (float) (py - cy[k]);
            }
        }
        int sw = src.width();
        int sh = src.height();
        byte[] rgb = src.rgb();
        byte[] out = new byte[outW * outH * 3];
        float inv = 1f / (nx * ny);
        float[] acc = new float[3];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int j = 0; j < ny; j++) {
                    int y0 = cy[oy * ny + j];
                    float wy = fy[oy * ny + j];
                    boolean rowInside = y0 >= 0 && y0 + 1 < sh;
                    for (int i = 0; i < nx; i++) {
                        int x0 = cx[ox * nx + i];
                        float wx = fx[ox * nx + i];
                        if (rowInside && x0 >= 0 && x0 + 1 < sw) {
                            int p00 = (y0 * sw + x0) * 3;
                            int p01 = p00 + sw * 3;
                            float w00 = (1 - wx) * (1 - wy);
                            float w10 = wx * (1 - wy);
                            float w01 = (1 - wx) * wy;
                            float w11 = wx * wy;
                            r += w00 * (rgb[p00] & 0xff) + w10 * (rgb[p00 + 3] & 0xff)
                                    + w01 * (rgb[p01] & 0xff) + w11 * (rgb[p01 + 3] & 0xff);
                            g += w00 * (rgb[p00 + 1] & 0xff) + w10 * (rgb[p00 + 4] & 0xff)
                                    + w01 * (rgb[p01 + 1] & 0xff) + w11 * (rgb[p01 + 4] & 0xff);
                            b += w00 * (rgb[p00 + 2] & 0xff) + w10 * (rgb[p00 + 5] & 0xff)
                                    + w01 * (rgb[p01 + 2] & 0xff) + w11 * (rgb[p01 + 5] & 0xff);
                        } else if (x0 >= sw || x0 < -1 || y0 >= sh || y0 < -1) {
                            r += fill;
                            g += fill;
                            b += fill;
                        } else {
                            acc[0] = acc[1] = acc[2] = 0;
                            sample(src, x0 + wx, y0 + wy, fill, acc);
                            r += acc[0];
                            g += acc[1];
                            b += acc[2];
                        }
                    }
                }
                int d = (oy * outW + ox) * 3;
                out[d] = (byte) (int) (r * inv + 0.5f);
                out[d + 1] = (byte) (int) (g * inv + 0.5f);
                out[d + 2] = (byte) (int) (b * inv + 0.5f);
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
