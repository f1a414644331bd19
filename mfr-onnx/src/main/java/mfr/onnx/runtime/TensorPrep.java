package mfr.onnx.runtime;

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
