package mfr.core.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    /** Paints a bright 3x3 dot at each landmark of a dark image, aligns it, and finds the dots on the template. */
    @Test
    void landmarksLandOnTheArcFaceTemplate() {
        int w = 400;
        int h = 300;
        double angle = Math.toRadians(-12);
        SimilarityTransform placed = new SimilarityTransform(2.1 * Math.cos(angle), 2.1 * Math.sin(angle), 90, 40);
        List<Point> pts = FaceAligner.ARCFACE_TEMPLATE.stream().map(placed::apply).toList();
        byte[] rgb = new byte[w * h * 3];
        for (Point p : pts) {
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    int x = (int) Math.round(p.x()) + dx;
                    int y = (int) Math.round(p.y()) + dy;
                    rgb[(y * w + x) * 3] = (byte) 255;
                }
            }
        }
        RgbImage aligned = new FaceAligner().align(new RgbImage(w, h, rgb), new Landmarks(pts));

        assertThat(aligned.width()).isEqualTo(112);
        assertThat(aligned.height()).isEqualTo(112);
        for (Point t : FaceAligner.ARCFACE_TEMPLATE) {
            assertThat(aligned.get((int) Math.round(t.x()), (int) Math.round(t.y()), 0)).isGreaterThan(200);
        }
        assertThat(aligned.get(56, 10, 0)).isZero();
    }
}
