package mfr.core.geometry;

import java.util.List;

/**
 * A 2-D similarity transform (rotation, uniform scale, translation):
 * {@code u = a*x - b*y + tx, v = b*x + a*y + ty}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity mapping {@code src[i]} onto {@code dst[i]} (Umeyama's estimate without
     * reflection), the transform insightface and OpenCV's {@code estimateAffinePartial2D} use for alignment.
     */
    public static SimilarityTransform estimate(List<Point> src, List<Point> dst) {
        if (src.size() != dst.size() || src.size() < 2) {
            throw new IllegalArgumentException("need two lists of at least 2 matching points");
        }
        int n = src.size();
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src.get(i).x();
            sy += src.get(i).y();
            dx += dst.get(i).x();
            dy += dst.get(i).y();
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double num1 = 0, num2 = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double x = src.get(i).x() - sx, y = src.get(i).y() - sy;
            double u = dst.get(i).x() - dx, v = dst.get(i).y() - dy;
            num1 += x * u + y * v;
            num2 += x * v - y * u;
            den += x * x + y * y;
        }
        if (den == 0) {
            throw new IllegalArgumentException("source points are all identical");
        }
        double a = num1 / den;
        double b = num2 / den;
        return new SimilarityTransform(a, b, dx - a * sx + b * sy, dy - b * sx - a * sy);
    }

    public Point apply(Point p) {
        return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    /** Rotation in radians. */
    public double angle() {
        return Math.atan2(b, a);
    }

    public SimilarityTransform inverse() {
        double d = a * a + b * b;
        double ia = a / d;
        double ib = -b / d;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
