package mfr.mask.render;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import mfr.core.align.FaceAligner;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;

/**
 * Draws a synthetic face mask from facial landmarks. The outline follows the jaw and cheeks with its top edge across
 * the nose bridge ({@link MaskShape}); the fill has the type's colour or print, cylinder-like shading across the face,
 * a darker fold under the chin, pleats (surgical), seams (KN95, some cloth), a dome and rim (N95), the photo's own
 * light (a plane fitted to the luminance of the covered skin), a little noise and soft anti-aliased edges.
 * <p>
 * Works on whole images and on aligned crops alike: give it the landmarks in the pixels of the image it draws on
 * ({@link #mapLandmarks} maps image landmarks into a crop). With 5 landmarks the 68 come from {@link MeanShape}.
 * Deterministic: the same image, landmarks and style give the same pixels. Stateless and thread-safe.
 */
public final class MaskRenderer {
    private final FaceAligner aligner = new FaceAligner();

    /** Returns a copy of {@code image} with the mask drawn on the face whose landmarks (5 or 68) are given. */
    public RgbImage render(RgbImage image, Landmarks landmarks, MaskStyle style) {
        Landmarks lm = landmarks.size() == 68 ? landmarks : MeanShape.standard().expand(landmarks);
        SimilarityTransform toCrop = aligner.transform(lm);
        List<Point> c = new ArrayList<>(68);
        for (Point p : lm.points()) {
            c.add(toCrop.apply(p));
        }
        MaskShape shape = MaskShape.build(c, style);
        SimilarityTransform toImage = toCrop.inverse();
        AffineTransform at = new AffineTransform(toImage.a(), toImage.b(), -toImage.b(), toImage.a(), toImage.tx(),
                toImage.ty());
        double px = 1 / toCrop.scale(); // one aligned-crop pixel in image pixels
        Shape outline = at.createTransformedShape(shape.outline());
        Rectangle2D b = outline.getBounds2D();
        for (java.awt.geom.Path2D l : shape.loops()) {
            b = b.createUnion(at.createTransformedShape(l).getBounds2D());
        }
        int soft = (int) Math.round(0.6 * px);
        int rim = Math.max(1, (int) Math.round(2.5 * px));
        int x0 = Math.max(0, (int) Math.floor(b.getMinX()) - soft - 2);
        int y0 = Math.max(0, (int) Math.floor(b.getMinY()) - soft - 2);
        int x1 = Math.min(image.width(), (int) Math.ceil(b.getMaxX()) + soft + 2);
        int y1 = Math.min(image.height(), (int) Math.ceil(b.getMaxY()) + soft + 2);
        byte[] out = image.rgb().clone();
        if (x1 - x0 < 2 || y1 - y0 < 2) {
            return new RgbImage(image.width(), image.height(), out);
        }
        int w = x1 - x0;
        int h = y1 - y0;
        Coverage fill = Coverage.fill(outline, x0, y0, w, h);
        Coverage edge = fill.blurred(soft);
        Coverage inner = fill.blurred(rim);
        Lighting light = Lighting.fit(image, fill, toCrop);
        MaskPaint paint = new MaskPaint(style, c, shape.noseTop(), light);
        if (!shape.loops().isEmpty()) {
            float width = (float) Math.max(0.8, 0.9 * px);
            int loopRgb = paint.loopColour();
            for (java.awt.geom.Path2D l : shape.loops()) {
                Coverage cov = Coverage.stroke(at.createTransformedShape(l), x0, y0, w, h, width);
                composite(out, image.width(), cov, fill, loopRgb, light, toCrop);
            }
        }
        double[] rgb = new double[3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                float a = edge.at(x, y);
                if (a <= 0.002f) {
                    continue;
                }
                Point uv = toCrop.apply(new Point(x + 0.5, y + 0.5));
                paint.colour(uv.x(), uv.y(), inner.at(x, y), x, y, rgb);
                int o = (y * image.width() + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double v = (out[o + ch] & 0xff) * (1 - a) + rgb[ch] * a;
                    out[o + ch] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** Draws the loop where it is not hidden by the mask, lit like the mask. */
    private static void composite(byte[] out, int imageWidth, Coverage loop, Coverage mask, int rgb, Lighting light,
                                  SimilarityTransform toCrop) {
        for (int ly = 0; ly < loop.height(); ly++) {
            for (int lx = 0; lx < loop.width(); lx++) {
                int x = lx + loop.x0();
                int y = ly + loop.y0();
                float a = loop.at(x, y) * (1 - mask.at(x, y)) * 0.9f;
                if (a <= 0.002f) {
                    continue;
                }
                Point uv = toCrop.apply(new Point(x + 0.5, y + 0.5));
                double s = light.factor(uv.x(), uv.y());
                int o = (y * imageWidth + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    double c = ((rgb >> (16 - 8 * ch)) & 0xff) * s;
                    double v = (out[o + ch] & 0xff) * (1 - a) + c * a;
                    out[o + ch] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
    }

    /** Image landmarks mapped into the pixels of a crop made with {@code toCrop} (e.g. the aligned 112x112 crop). */
    public static Landmarks mapLandmarks(Landmarks imageLandmarks, SimilarityTransform toCrop) {
        return new Landmarks(imageLandmarks.points().stream().map(toCrop::apply).toList());
    }

    /** Masks an aligned crop, given the landmarks found in the original image and the transform that made the crop. */
    public RgbImage renderOnCrop(RgbImage crop, Landmarks imageLandmarks, SimilarityTransform toCrop, MaskStyle style) {
        return render(crop, mapLandmarks(imageLandmarks, toCrop), style);
    }
}
