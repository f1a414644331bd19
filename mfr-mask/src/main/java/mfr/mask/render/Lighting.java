package mfr.mask.render;

import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;

/**
 * The photo's light on the covered part of the face: a plane {@code L(u, v) = a + b*u + c*v} fitted by least squares
 * to the luminance of the skin under the mask (in aligned-crop coordinates), so the mask is darker on the shadowed side
 * and in a dim photo.
 */
record Lighting(double a, double b, double c, double mean) {
    static final Lighting NEUTRAL = new Lighting(140, 0, 0, 140);

    static Lighting fit(RgbImage image, Coverage cov, SimilarityTransform toCrop) {
        double s1 = 0, su = 0, sv = 0, suu = 0, svv = 0, suv = 0, sl = 0, sul = 0, svl = 0;
        for (int y = cov.y0(); y < cov.y0() + cov.height(); y++) {
            for (int x = cov.x0(); x < cov.x0() + cov.width(); x++) {
                float w = cov.at(x, y);
                if (w < 0.5f) {
                    continue;
                }
                double l = 0.299 * image.get(x, y, 0) + 0.587 * image.get(x, y, 1) + 0.114 * image.get(x, y, 2);
                Point p = toCrop.apply(new Point(x + 0.5, y + 0.5));
                double u = p.x() - 56;
                double v = p.y() - 80;
                s1 += 1;
                su += u;
                sv += v;
                suu += u * u;
                svv += v * v;
                suv += u * v;
                sl += l;
                sul += u * l;
                svl += v * l;
            }
        }
        if (s1 < 20) {
            return NEUTRAL;
        }
        double[][] m = {{s1, su, sv}, {su, suu, suv}, {sv, suv, svv}};
        double[] r = {sl, sul, svl};
        double[] x = solve3(m, r);
        if (x == null) {
            return new Lighting(sl / s1, 0, 0, sl / s1);
        }
        return new Lighting(x[0], x[1], x[2], sl / s1);
    }

    /** Multiplier of the mask's colour at aligned-crop point (u, v): overall exposure times the local gradient. */
    double factor(double u, double v) {
        double exposure = Math.max(0.55, Math.min(1.08, Math.pow(mean / 135.0, 0.45)));
        double local = a + b * (u - 56) + c * (v - 80);
        double ratio = Math.max(0.6, Math.min(1.35, local / Math.max(1, a)));
        return exposure * Math.pow(ratio, 0.8);
    }

    private static double[] solve3(double[][] m, double[] r) {
        double det = det(m);
        if (Math.abs(det) < 1e-9) {
            return null;
        }
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] mk = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    mk[i][j] = j == k ? r[i] : m[i][j];
                }
            }
            out[k] = det(mk) / det;
        }
        return out;
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
