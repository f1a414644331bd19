package mfr.core.align;

import java.util.List;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;

/**
 * Aligns a face onto the ArcFace 112x112 template: least-squares similarity from the five landmarks onto the
 * template points, then a bilinear warp (pixels outside the source are black, as OpenCV's warpAffine leaves them).
 * Stateless and thread-safe.
 */
public final class FaceAligner {
    public static final int SIZE = 112;

    /** insightface's reference points for a 112x112 crop (left eye, right eye, nose, left and right mouth). */
    public static final List<Point> ARCFACE_TEMPLATE = List.of(
            new Point(38.2946, 51.6963),
            new Point(73.5318, 51.5014),
            new Point(56.0252, 71.7366),
            new Point(41.5493, 92.3655),
            new Point(70.7299, 92.2041));

    /** The transform that maps image coordinates onto the 112x112 crop. */
    public SimilarityTransform transform(Landmarks landmarks) {
        return SimilarityTransform.estimate(landmarks.toFivePoints().points(), ARCFACE_TEMPLATE);
    }

    public RgbImage align(RgbImage image, Landmarks landmarks) {
        return warp(image, transform(landmarks), SIZE, SIZE);
    }

    /** Warps {@code image} so that output pixel p shows the source point {@code toOutput.inverse().apply(p)}. */
    public static RgbImage warp(RgbImage image, SimilarityTransform toOutput, int outW, int outH) {
        SimilarityTransform inv = toOutput.inverse();
        byte[] src = image.rgb();
        int w = image.width();
        int h = image.height();
        byte[] out = new byte[outW * outH * 3];
        for (int v = 0; v < outH; v++) {
            for (int u = 0; u < outW; u++) {
                double px = inv.a() * u - inv.b() * v + inv.tx();
                double py = inv.b() * u + inv.a() * v + inv.ty();
                int x0 = (int) Math.floor(px);
                int y0 = (int) Math.floor(py);
                if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
                    continue;
                }
                double fx = px - x0;
                double fy = py - y0;
                int d = (v * outW + u) * 3;
                for (int c = 0; c < 3; c++) {
                    double v00 = at(src, w, h, x0, y0, c);
                    double v10 = at(src, w, h, x0 + 1, y0, c);
                    double v01 = at(src, w, h, x0, y0 + 1, c);
                    double v11 = at(src, w, h, x0 + 1, y0 + 1, c);
                    double top = v00 + (v10 - v00) * fx;
                    double bottom = v01 + (v11 - v01) * fx;
                    out[d + c] = (byte) Math.round(top + (bottom - top) * fy);
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }

    private static double at(byte[] src, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return src[(y * w + x) * 3 + c] & 0xff;
    }
}
