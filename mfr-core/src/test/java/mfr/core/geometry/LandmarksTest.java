package mfr.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandmarksTest {
    @Test
    void fivePointsFromSixtyEightUseEyeLidsNoseTipAndLipCorners() {
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            pts.add(new Point(i, 1000 + i));
        }
        Landmarks five = new Landmarks(pts).toFivePoints();
        assertThat(five.get(0)).isEqualTo(new Point((37 + 38 + 40 + 41) / 4.0, 1000 + (37 + 38 + 40 + 41) / 4.0));
        assertThat(five.get(1)).isEqualTo(new Point((43 + 44 + 46 + 47) / 4.0, 1000 + (43 + 44 + 46 + 47) / 4.0));
        assertThat(five.get(2)).isEqualTo(new Point(30, 1030));
        assertThat(five.get(3)).isEqualTo(new Point(54, 1054));
        assertThat(five.get(4)).isEqualTo(new Point(59, 1059));
    }

    @Test
    void rejectsOtherPointCounts() {
        assertThatThrownBy(() -> new Landmarks(List.of(new Point(0, 0)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boxIou() {
        Box a = new Box(0, 0, 10, 10);
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(new Box(5, 0, 15, 10))).isEqualTo(50.0 / 150.0);
        assertThat(a.iou(new Box(20, 20, 30, 30))).isZero();
    }
}
