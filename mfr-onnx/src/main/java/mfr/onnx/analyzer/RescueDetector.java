package mfr.onnx.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mfr.core.face.Detection;
import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.image.RgbImage;
import mfr.onnx.detect.DetectionRescue;
import mfr.onnx.detect.OnnxDetector;
import mfr.onnx.landmark.OnnxLandmarker;

/**
 * The detector with the {@link DetectionRescue} second pass: runs only when the first pass finds no face, so images
 * where the detector already finds faces are unchanged. Every face the second pass adds must pass the landmark check.
 */
final class RescueDetector {
    private static final int GREY = 127;
    private final OnnxDetector detector;
    private final OnnxLandmarker landmarker;
    private final DetectionRescue rescue;

    RescueDetector(OnnxDetector detector, OnnxLandmarker landmarker, DetectionRescue rescue) {
        this.detector = detector;
        this.landmarker = landmarker;
        this.rescue = rescue;
    }

    List<Detection> detect(RgbImage image) {
        List<Detection> first = detector.detect(image);
        if (!first.isEmpty() || !rescue.enabled()) {
            return first;
        }
        int pad = (int) Math.round(rescue.padding() * Math.max(image.width(), image.height()));
        RgbImage padded = pad > 0 ? pad(image, pad) : image;
        if (pad > 0) {
            List<Detection> second = back(detector.detect(padded), pad, image).stream()
                    .filter(d -> plausible(landmarker.landmarks(image, d.box()), d.box())).toList();
            if (!second.isEmpty()) {
                return second;
            }
        }
        List<Detection> candidates = new ArrayList<>(detector.detect(image, rescue.lowThreshold()));
        if (pad > 0) {
            candidates.addAll(back(detector.detect(padded, rescue.lowThreshold()), pad, image));
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        for (Detection d : candidates) {
            if (plausible(landmarker.landmarks(image, d.box()), d.box())) {
                return List.of(d);
            }
        }
        return List.of();
    }

    /** Boxes found in the padded image, mapped back to the original and clipped; tiny leftovers dropped. */
    private List<Detection> back(List<Detection> ds, int pad, RgbImage image) {
        List<Detection> out = new ArrayList<>();
        for (Detection d : ds) {
            Box b = d.box().translate(-pad, -pad).clip(image.width(), image.height());
            if (Math.min(b.width(), b.height()) >= detector.settings().minFaceSize()) {
                out.add(new Detection(b, d.score()));
            }
        }
        return out;
    }

    /**
     * Whether the landmark model sees a face in the box: the eyes apart by 20..75 % of the box width, the mouth
     * below the eyes at 0.6..1.8 eye distances and roughly perpendicular to the eye line, the nose tip between them.
     */
    static boolean plausible(Landmarks l68, Box box) {
        Landmarks l = l68.toFivePoints();
        Point le = l.get(0);
        Point re = l.get(1);
        Point nose = l.get(2);
        Point mouth = mid(l.get(3), l.get(4));
        Point eyes = mid(le, re);
        double ex = re.x() - le.x();
        double ey = re.y() - le.y();
        double d = Math.hypot(ex, ey);
        if (d < 0.2 * box.width() || d > 0.75 * box.width()) {
            return false;
        }
        double mx = mouth.x() - eyes.x();
        double my = mouth.y() - eyes.y();
        double dm = Math.hypot(mx, my);
        if (dm < 0.6 * d || dm > 1.8 * d) {
            return false;
        }
        // Down the face (perpendicular to the eye line, turned clockwise) must point roughly towards the mouth.
        double cos = (mx * -ey + my * ex) / (dm * d);
        if (cos < 0.8) {
            return false;
        }
        double t = ((nose.x() - eyes.x()) * mx + (nose.y() - eyes.y()) * my) / (dm * dm);
        return t > 0.15 && t < 0.95;
    }

    private static Point mid(Point a, Point b) {
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    static RgbImage pad(RgbImage im, int pad) {
        int w = im.width() + 2 * pad;
        int h = im.height() + 2 * pad;
        byte[] out = new byte[w * h * 3];
        java.util.Arrays.fill(out, (byte) GREY);
        byte[] src = im.rgb();
        for (int y = 0; y < im.height(); y++) {
            System.arraycopy(src, y * im.width() * 3, out, ((y + pad) * w + pad) * 3, im.width() * 3);
        }
        return new RgbImage(w, h, out);
    }
}
