package mfr.mask.classify;

import mfr.core.image.RgbImage;

/**
 * The input of the CNN mask classifier: the 112x112 aligned crop averaged down to {@code size x size} (box filter),
 * RGB, channels first, each value {@code (v - 127.5) / 128}.
 */
public final class CnnInput {
    /** The input size the CNN classifier is trained at. */
    public static final int SIZE = 56;

    private CnnInput() {
    }

    public static float[] of(RgbImage crop, int size) {
        int w = crop.width();
        int h = crop.height();
        if (size < 1 || size > Math.min(w, h)) {
            throw new IllegalArgumentException("CNN input size " + size + " for a " + w + "x" + h + " crop");
        }
        byte[] rgb = crop.rgb();
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            int y0 = y * h / size;
            int y1 = Math.max(y0 + 1, (y + 1) * h / size);
            for (int x = 0; x < size; x++) {
                int x0 = x * w / size;
                int x1 = Math.max(x0 + 1, (x + 1) * w / size);
                double r = 0;
                double g = 0;
                double b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int i = (yy * w + xx) * 3;
                        r += rgb[i] & 0xff;
                        g += rgb[i + 1] & 0xff;
                        b += rgb[i + 2] & 0xff;
                    }
                }
                double n = (double) (y1 - y0) * (x1 - x0);
                out[y * size + x] = (float) ((r / n - 127.5) / 128);
                out[plane + y * size + x] = (float) ((g / n - 127.5) / 128);
                out[2 * plane + y * size + x] = (float) ((b / n - 127.5) / 128);
            }
        }
        return out;
    }
}
