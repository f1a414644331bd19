package mfr.onnx.runtime;

import mfr.core.image.Resampler;
import mfr.core.image.RgbImage;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.ModelSpec;

/** Writes an image into an NCHW float tensor the way a model's manifest says. */
public final class TensorPrep {
    private TensorPrep() {
    }

    public static float[] chw(RgbImage img, ModelSpec spec) {
        int c = spec.channelOrder() == ChannelOrder.GRAY ? 1 : 3;
        float[] out = new float[c * img.width() * img.height()];
        write(img, spec, out, 0);
        return out;
    }

    /**
     * Resamples the source rectangle (x, y, w, h) of {@code src} straight into the model's input tensor, in one
     * pass: bilinear, OpenCV's pixel-centre convention, samples outside the image taking the value {@code fill}.
     * When shrinking by more than 1.5x it falls back to {@link Resampler#crop} (averaged samples) and {@link #chw}.
     */
    public static float[] resized(RgbImage src, double x, double y, double w, double h, ModelSpec spec, int fill) {
        return resized(src, x, y, w, h, spec, fill, null);
    }

    /**
     * As {@link #resized(RgbImage, double, double, double, double, ModelSpec, int)}, writing into {@code into} when it
     * has the right length (every element is overwritten), else into a new array; returns the array written.
     */
    public static float[] resized(RgbImage src, double x, double y, double w, double h, ModelSpec spec, int fill,
                                  float[] into) {
        int outW = spec.inputWidth();
        int outH = spec.inputHeight();
        double sx = w / outW;
        double sy = h / outH;
        if (sx > 1.5 || sy > 1.5 || spec.channelOrder() == ChannelOrder.GRAY) {
            return chw(Resampler.crop(src, x, y, w, h, outW, outH, fill), spec);
        }
        int sw = src.width();
        int sh = src.height();
        byte[] rgb = src.rgb();
        // For each output column, the two source columns (clamped index, weight zeroed and fill added when outside).
        int[] xi0 = new int[outW];
        int[] xi1 = new int[outW];
        float[] wx0 = new float[outW];
        float[] wx1 = new float[outW];
        float[] xOut = new float[outW];
        for (int ox = 0; ox < outW; ox++) {
            double px = x + (ox + 0.5) * sx - 0.5;
            int x0 = (int) Math.floor(px);
            float f = (float) (px - x0);
            xi0[ox] = Math.max(0, Math.min(sw - 1, x0));
            xi1[ox] = Math.max(0, Math.min(sw - 1, x0 + 1));
            wx0[ox] = x0 >= 0 && x0 < sw ? 1 - f : 0;
            wx1[ox] = x0 + 1 >= 0 && x0 + 1 < sw ? f : 0;
            xOut[ox] = (x0 >= 0 && x0 < sw ? 0 : 1 - f) + (x0 + 1 >= 0 && x0 + 1 < sw ? 0 : f);
        }
        int plane = outW * outH;
        float[] out = into != null && into.length == 3 * plane ? into : new float[3 * plane];
        boolean bgr = spec.channelOrder() == ChannelOrder.BGR;
        int p0 = bgr ? 2 * plane : 0;
        int p2 = bgr ? 0 : 2 * plane;
        float mean = (float) spec.mean();
        float inv = (float) (1.0 / spec.std());
        float[] row0 = new float[outW * 3];
        float[] row1 = new float[outW * 3];
        int have0 = -1;
        int have1 = -1;
        for (int oy = 0; oy < outH; oy++) {
            double py = y + (oy + 0.5) * sy - 0.5;
            int y0 = (int) Math.floor(py);
            float fy = (float) (py - y0);
            float wy0 = y0 >= 0 && y0 < sh ? 1 - fy : 0;
            float wy1 = y0 + 1 >= 0 && y0 + 1 < sh ? fy : 0;
            float yOut = 1 - wy0 - wy1;
            int ya = Math.max(0, Math.min(sh - 1, y0));
            int yb = Math.max(0, Math.min(sh - 1, y0 + 1));
            // Rows are interpolated horizontally once and reused by the next output row when it shares them.
            if (ya != have0) {
                if (ya == have1) {
                    float[] t = row0;
                    row0 = row1;
                    row1 = t;
                    have1 = -1;
                } else {
                    horizontal(rgb, sw, ya, xi0, xi1, wx0, wx1, xOut, fill, row0);
                }
                have0 = ya;
            }
            if (yb != have1) {
                horizontal(rgb, sw, yb, xi0, xi1, wx0, wx1, xOut, fill, row1);
                have1 = yb;
            }
            int base = oy * outW;
            for (int ox = 0, k = 0; ox < outW; ox++, k += 3) {
                float r = wy0 * row0[k] + wy1 * row1[k] + yOut * fill;
                float g = wy0 * row0[k + 1] + wy1 * row1[k + 1] + yOut * fill;
                float b = wy0 * row0[k + 2] + wy1 * row1[k + 2] + yOut * fill;
                out[p0 + base + ox] = (r - mean) * inv;
                out[plane + base + ox] = (g - mean) * inv;
                out[p2 + base + ox] = (b - mean) * inv;
            }
        }
        return out;
    }

    private static void horizontal(byte[] rgb, int sw, int y, int[] xi0, int[] xi1, float[] wx0, float[] wx1,
                                   float[] xOut, int fill, float[] row) {
        int rowBase = y * sw * 3;
        for (int ox = 0, k = 0; ox < xi0.length; ox++, k += 3) {
            int a = rowBase + xi0[ox] * 3;
            int b = rowBase + xi1[ox] * 3;
            float w0 = wx0[ox];
            float w1 = wx1[ox];
            float f = xOut[ox] * fill;
            row[k] = w0 * (rgb[a] & 0xff) + w1 * (rgb[b] & 0xff) + f;
            row[k + 1] = w0 * (rgb[a + 1] & 0xff) + w1 * (rgb[b + 1] & 0xff) + f;
            row[k + 2] = w0 * (rgb[a + 2] & 0xff) + w1 * (rgb[b + 2] & 0xff) + f;
        }
    }

    /** Writes {@code img} at {@code offset} of {@code out} (for batches). */
    public static void write(RgbImage img, ModelSpec spec, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] rgb = img.rgb();
        float mean = (float) spec.mean();
        float inv = (float) (1.0 / spec.std());
        switch (spec.channelOrder()) {
            case RGB, BGR -> {
                boolean bgr = spec.channelOrder() == ChannelOrder.BGR;
                int p0 = offset + (bgr ? 2 * plane : 0);
                int p1 = offset + plane;
                int p2 = offset + (bgr ? 0 : 2 * plane);
                for (int i = 0, j = 0; i < plane; i++, j += 3) {
                    out[p0 + i] = ((rgb[j] & 0xff) - mean) * inv;
                    out[p1 + i] = ((rgb[j + 1] & 0xff) - mean) * inv;
                    out[p2 + i] = ((rgb[j + 2] & 0xff) - mean) * inv;
                }
            }
            case GRAY -> {
                for (int i = 0, j = 0; i < plane; i++, j += 3) {
                    float g = 0.299f * (rgb[j] & 0xff) + 0.587f * (rgb[j + 1] & 0xff) + 0.114f * (rgb[j + 2] & 0xff);
                    out[offset + i] = (Math.round(g) - mean) * inv;
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}
