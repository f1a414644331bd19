package mfr.mask.classify;

import mfr.core.image.RgbImage;

/**
 * Hand-made features of an aligned 112x112 crop that tell a covered lower face from skin: for a grid of cells over
 * the nose, mouth and chin, the colour difference (in YCbCr) from the skin of the cheeks-and-forehead band above, the
 * cell's contrast, and a 4-bin histogram of gradient orientations. A mask changes colour below the nose (whatever its
 * colour, it is not the face's skin) and removes the mouth's horizontal edges.
 */
final class PixelFeatures {
    static final int COLS = 5;
    static final int ROWS = 5;
    static final int PER_CELL = 3 + 1 + 4 + 1;
    static final int SIZE = 6 + 3 + 2 + COLS * ROWS * PER_CELL;

    private PixelFeatures() {
    }

    static float[] of(RgbImage crop) {
        int w = crop.width();
        int h = crop.height();
        double sx = w / 112.0;
        double sy = h / 112.0;
        // Reference skin: forehead-to-eye band minus the eyes themselves, rows 22..44, cols 30..82.
        double[] ref = meanYcc(crop, (int) (30 * sx), (int) (22 * sy), (int) (82 * sx), (int) (44 * sy));
        float[] f = new float[SIZE];
        int k = 0;
        f[k++] = (float) (ref[0] / 255);
        f[k++] = (float) (ref[1] / 255);
        f[k++] = (float) (ref[2] / 255);
        double[] low = meanYcc(crop, (int) (28 * sx), (int) (66 * sy), (int) (84 * sx), (int) (106 * sy));
        f[k++] = (float) ((low[0] - ref[0]) / 255);
        f[k++] = (float) ((low[1] - ref[1]) / 255);
        f[k++] = (float) ((low[2] - ref[2]) / 255);
        double[] forehead = meanYcc(crop, (int) (34 * sx), (int) (8 * sy), (int) (78 * sx), (int) (26 * sy));
        f[k++] = (float) ((low[0] - forehead[0]) / 255);
        f[k++] = (float) ((low[1] - forehead[1]) / 255);
        f[k++] = (float) ((low[2] - forehead[2]) / 255);
        f[k++] = (float) skin(crop, (int) (28 * sx), (int) (66 * sy), (int) (84 * sx), (int) (106 * sy));
        f[k++] = (float) skin(crop, (int) (30 * sx), (int) (22 * sy), (int) (82 * sx), (int) (44 * sy));
        int x0 = (int) (20 * sx);
        int x1 = (int) (92 * sx);
        int y0 = (int) (62 * sy);
        int y1 = (int) (110 * sy);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int cx0 = x0 + (x1 - x0) * c / COLS;
                int cx1 = x0 + (x1 - x0) * (c + 1) / COLS;
                int cy0 = y0 + (y1 - y0) * r / ROWS;
                int cy1 = y0 + (y1 - y0) * (r + 1) / ROWS;
                double[] m = meanYcc(crop, cx0, cy0, cx1, cy1);
                f[k++] = (float) ((m[0] - ref[0]) / 255);
                f[k++] = (float) ((m[1] - ref[1]) / 64);
                f[k++] = (float) ((m[2] - ref[2]) / 64);
                double[] g = gradients(crop, cx0, cy0, cx1, cy1);
                f[k++] = (float) (g[0] / 64);
                for (int b = 0; b < 4; b++) {
                    f[k++] = (float) g[1 + b];
                }
                f[k++] = (float) skin(crop, cx0, cy0, cx1, cy1);
            }
        }
        return f;
    }

    /** Share of pixels whose chroma is skin-like (Cb 77..127, Cr 133..173, the classic YCbCr skin box). */
    private static double skin(RgbImage im, int x0, int y0, int x1, int y1) {
        int n = 0;
        int k = 0;
        for (int y = Math.max(0, y0); y < Math.min(im.height(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(im.width(), x1); x++) {
                double r = im.get(x, y, 0);
                double g = im.get(x, y, 1);
                double b = im.get(x, y, 2);
                double cb = 128 - 0.1687 * r - 0.3313 * g + 0.5 * b;
                double cr = 128 + 0.5 * r - 0.4187 * g - 0.0813 * b;
                if (cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173) {
                    k++;
                }
                n++;
            }
        }
        return n == 0 ? 0 : (double) k / n;
    }

    private static double[] meanYcc(RgbImage im, int x0, int y0, int x1, int y1) {
        double sy = 0, scb = 0, scr = 0;
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(im.height(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(im.width(), x1); x++) {
                double r = im.get(x, y, 0);
                double g = im.get(x, y, 1);
                double b = im.get(x, y, 2);
                sy += 0.299 * r + 0.587 * g + 0.114 * b;
                scb += -0.1687 * r - 0.3313 * g + 0.5 * b;
                scr += 0.5 * r - 0.4187 * g - 0.0813 * b;
                n++;
            }
        }
        n = Math.max(1, n);
        return new double[] {sy / n, scb / n, scr / n};
    }

    /** Mean gradient magnitude, then the share of gradient energy in 4 orientation bins (0, 45, 90, 135 degrees). */
    private static double[] gradients(RgbImage im, int x0, int y0, int x1, int y1) {
        double[] out = new double[5];
        double total = 0;
        int n = 0;
        for (int y = Math.max(1, y0); y < Math.min(im.height() - 1, y1); y++) {
            for (int x = Math.max(1, x0); x < Math.min(im.width() - 1, x1); x++) {
                double gx = luma(im, x + 1, y) - luma(im, x - 1, y);
                double gy = luma(im, x, y + 1) - luma(im, x, y - 1);
                double mag = Math.hypot(gx, gy);
                double ang = Math.atan2(gy, gx);
                if (ang < 0) {
                    ang += Math.PI;
                }
                int bin = (int) Math.floor(ang / (Math.PI / 4) + 0.5) % 4;
                out[1 + bin] += mag;
                total += mag;
                n++;
            }
        }
        out[0] = n == 0 ? 0 : total / n;
        for (int b = 1; b < 5; b++) {
            out[b] = total == 0 ? 0.25 : out[b] / total;
        }
        return out;
    }

    private static double luma(RgbImage im, int x, int y) {
        return 0.299 * im.get(x, y, 0) + 0.587 * im.get(x, y, 1) + 0.114 * im.get(x, y, 2);
    }
}
