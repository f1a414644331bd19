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
        float ia = (float) inv.a();
        float ib = (float) inv.b();
        for (int v = 0; v < outH; v++) {
            // Source position of (0, v); each step in u adds (a, b).
            double px0 = -inv.b() * v + inv.tx();
            double py0 = inv.a() * v + inv.ty();
            for (int u = 0; u < outW; u++) {
                float px = (float) px0 + ia * u;
                float py = (float) py0 + ib * u;
                if (px < -1 || py < -1 || px >= w || py >= h) {
                    continue;
                }
                // px, py >= -1 here: truncation after adding 1 is floor, without Math.floor's cost.
                int x0 = (int) (px + 1) - 1;
                int y0 = (int) (py + 1) - 1;
                float fx = px - x0;
                float fy = py - y0;
                float w00 = (1 - fx) * (1 - fy);
                float w10 = fx * (1 - fy);
                float w01 = (1 - fx) * fy;
                float w11 = fx * fy;
                int d = (v * outW + u) * 3;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
                    int p00 = (y0 * w + x0) * 3;
                    int p01 = p00 + w * 3;
                    for (int c = 0; c < 3; c++) {
                        float val = w00 * (src[p00 + c] & 0xff) + w10 * (src[p00 + 3 + c] & 0xff)
                                + w01 * (src[p01 + c] & 0xff) + w11 * (src[p01 + 3 + c] & 0xff);
                        out[d + c] = (byte) (int) (val + 0.5f);
                    }
                } else {
                    for (int c = 0; c < 3; c++) {
                        float val = w00 * at(src, w, h, x0, y0, c) + w10 * at(src, w, h, x0 + 1, y0, c)
                                + w01 * at(src, w, h, x0, y0 + 1, c) + w11 * at(src, w, h, x0 + 1, y0 + 1, c);
                        out[d + c] = (byte) (int) (val + 0.5f);
                    }
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }

    private static float at(byte[] src, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return src[(y * w + x) * 3 + c] & 0xff;
    }
}
