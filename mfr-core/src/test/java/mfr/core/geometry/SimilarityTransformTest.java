package mfr.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {
    private static final List<Point> SRC = List.of(new Point(10, 20), new Point(50, 22), new Point(31, 40),
            new Point(15, 60), new Point(48, 61));

    @Test
    void recoversAKnownTransformExactly() {
        double angle = Math.toRadians(17);
        double scale = 1.7;
        SimilarityTransform truth = new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), 12.5, -4.25);
        List<Point> dst = SRC.stream().map(truth::apply).toList();

        SimilarityTransform est = SimilarityTransform.estimate(SRC, dst);

        assertThat(est.a()).isCloseTo(truth.a(), within(1e-9));
        assertThat(est.b()).isCloseTo(truth.b(), within(1e-9));
        assertThat(est.tx()).isCloseTo(truth.tx(), within(1e-9));
        assertThat(est.ty()).isCloseTo(truth.ty(), within(1e-9));
        assertThat(est.scale()).isCloseTo(scale, within(1e-9));
        assertThat(est.angle()).isCloseTo(angle, within(1e-9));
    }

    @Test
    void leastSquaresBalancesNoisyPoints() {
        // Moving one destination point pulls the fit only part of the way.
        List<Point> dst = new java.util.ArrayList<>(SRC);
        dst.set(0, new Point(14, 20));
        SimilarityTransform est = SimilarityTransform.estimate(SRC, dst);
        double moved = est.apply(SRC.get(0)).x() - SRC.get(0).x();
        assertThat(moved).isGreaterThan(0.1).isLessThan(4);
    }

    @Test
    void inverseUndoesTheTransform() {
        SimilarityTransform t = new SimilarityTransform(0.8, -0.3, 5, 7);
        Point p = new Point(3, -9);
        Point back = t.inverse().apply(t.apply(p));
        assertThat(back.x()).isCloseTo(p.x(), within(1e-12));
        assertThat(back.y()).isCloseTo(p.y(), within(1e-12));
    }
}
