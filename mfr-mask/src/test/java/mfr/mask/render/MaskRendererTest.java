package mfr.mask.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.image.RgbImage;
import mfr.mask.TestFaces;
import mfr.onnx.analyzer.FaceAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Masks drawn on a real LFW photo from the real landmark model's points. */
class MaskRendererTest {
    private static RgbImage photo;
    private static Face face;
    private final MaskRenderer renderer = new MaskRenderer();

    @BeforeAll
    static void analyse() {
        FaceAnalyzer fa = TestFaces.analyzer();
        photo = fa.load(TestFaces.lfw("Aaron_Peirsol", 1)).image();
        face = fa.mainFace(fa.load(TestFaces.lfw("Aaron_Peirsol", 1)));
    }

    /** Mean absolute change per channel over a square around point p. */
    private static double change(RgbImage a, RgbImage b, Point p, int r) {
        double sum = 0;
        int n = 0;
        for (int y = (int) p.y() - r; y <= (int) p.y() + r; y++) {
            for (int x = (int) p.x() - r; x <= (int) p.x() + r; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                    n++;
                }
            }
        }
        return sum / n;
    }

    @ParameterizedTest
    @EnumSource(MaskType.class)
    void everyTypeCoversMouthAndChinButNotEyesOrForehead(MaskType t) {
        RgbImage out = renderer.render(photo, face.landmarks(), MaskStyle.random(List.of(t), new Random(4)));
        Landmarks l = face.landmarks();
        double mouth = change(photo, out, l.get(62), 3) + change(photo, out, l.get(57), 2);
        double eyes = change(photo, out, l.get(37), 2) + change(photo, out, l.get(44), 2);
        double brow = change(photo, out, l.get(19), 2) + change(photo, out, l.get(24), 2);
        // Every type differs from skin somewhere over the mouth (a white mask on pale skin least of all).
        assertThat(mouth).as(t.label()).isGreaterThan(8);
        assertThat(eyes + brow).as(t.label()).isLessThan(1.0);
        assertThat(photo.get(2, 2, 0)).isEqualTo(out.get(2, 2, 0));
    }

    @Test
    void sameSeedSamePixelsOtherSeedOtherPixels() {
        MaskStyle a = MaskStyle.random(MaskType.parseList("all"), new Random(9));
        MaskStyle b = MaskStyle.random(MaskType.parseList("all"), new Random(9));
        MaskStyle c = MaskStyle.random(MaskType.parseList("all"), new Random(10));
        assertThat(a).isEqualTo(b);
        assertThat(renderer.render(photo, face.landmarks(), a).rgb()).isEqualTo(renderer.render(photo, face.landmarks(), b).rgb());
        assertThat(renderer.render(photo, face.landmarks(), c).rgb()).isNotEqualTo(renderer.render(photo, face.landmarks(), a).rgb());
    }

    @Test
    void fivePointsThroughTheMeanShapeCoverTheSameRegionAs68() {
        MaskStyle s = MaskStyle.of(MaskType.SURGICAL_BLUE);
        RgbImage from68 = renderer.render(photo, face.landmarks(), s);
        RgbImage from5 = renderer.render(photo, face.fivePoints(), s);
        Landmarks l = face.landmarks();
        assertThat(change(photo, from5, l.get(62), 3)).isGreaterThan(20);
        assertThat(change(photo, from5, l.get(37), 2)).isLessThan(1.0);
        // The two outlines mostly agree: the pixels they change overlap.
        int both = 0;
        int either = 0;
        for (int i = 0; i < photo.rgb().length; i += 3) {
            boolean a = photo.rgb()[i] != from68.rgb()[i];
            boolean b = photo.rgb()[i] != from5.rgb()[i];
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        assertThat((double) both / either).isGreaterThan(0.75);
    }

    @Test
    void masksTheAlignedCropWhereTheMouthIs() {
        FaceAnalyzer fa = TestFaces.analyzer();
        var toCrop = fa.aligner().transform(face.landmarks());
        RgbImage crop = face.aligned();
        RgbImage masked = renderer.renderOnCrop(crop, face.landmarks(), toCrop, MaskStyle.of(MaskType.SURGICAL_BLUE));
        Point mouth = toCrop.apply(face.landmarks().get(62));
        assertThat(change(crop, masked, mouth, 3)).isGreaterThan(20);
        assertThat(change(crop, masked, toCrop.apply(face.landmarks().get(37)), 2)).isLessThan(1.0);
    }

    @Test
    void followsARolledHead() {
        // Rotate the photo's landmarks by 25 degrees about the nose: the mask turns with them.
        Point c = face.landmarks().get(30);
        double a = Math.toRadians(25);
        Landmarks rolled = new Landmarks(face.landmarks().points().stream().map(p -> new Point(
                c.x() + Math.cos(a) * (p.x() - c.x()) - Math.sin(a) * (p.y() - c.y()),
                c.y() + Math.sin(a) * (p.x() - c.x()) + Math.cos(a) * (p.y() - c.y()))).toList());
        RgbImage out = renderer.render(photo, rolled, MaskStyle.of(MaskType.SURGICAL_BLUE));
        assertThat(change(photo, out, rolled.get(62), 3)).isGreaterThan(20);
        assertThat(change(photo, out, rolled.get(37), 2)).isLessThan(1.0);
    }

    @Test
    void parsesTypesFamiliesAndRejectsUnknownOnes() {
        assertThat(MaskType.parseList("surgical")).hasSize(4);
        assertThat(MaskType.parseList("KN95,cloth_red")).containsExactly(MaskType.KN95, MaskType.CLOTH_RED);
        assertThat(MaskType.parseList("all")).hasSize(MaskType.values().length);
        assertThatThrownBy(() -> MaskType.parseList("scarf")).isInstanceOf(MfrException.class).hasMessageContaining("scarf");
    }

    @Test
    void meanShapeShipsWith68PointsInsideTheCrop() {
        MeanShape m = MeanShape.standard();
        assertThat(m.points()).hasSize(68);
        assertThat(m.points()).allMatch(p -> p.x() > 0 && p.x() < 112 && p.y() > 20 && p.y() < 125);
        assertThat(m.points().get(8).y()).isGreaterThan(m.points().get(30).y());
    }
}
