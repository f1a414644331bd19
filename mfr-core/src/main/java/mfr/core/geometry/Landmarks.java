package mfr.core.geometry;

import java.util.List;

/**
 * Facial landmarks: either the 68 points of the iBUG 300-W scheme or the 5 ArcFace points
 * (left eye, right eye, nose tip, left mouth corner, right mouth corner; "left" is the image's left).
 */
public record Landmarks(List<Point> points) {
    public Landmarks {
        points = List.copyOf(points);
        if (points.size() != 5 && points.size() != 68) {
            throw new IllegalArgumentException("landmarks need 5 or 68 points, got " + points.size());
        }
    }

    public int size() {
        return points.size();
    }

    public Point get(int i) {
        return points.get(i);
    }

    /**
     * The five ArcFace points. From 68 points: each eye is the mean of its four lid points
     * (37, 38, 40, 41 and 43, 44, 46, 47, zero-based), the nose tip is point 30, and each mouth corner
     * is the mean of the outer and inner lip corner (48 and 60, 54 and 64).
     */
    public Landmarks toFivePoints() {
        if (points.size() == 5) {
            return this;
        }
        return new Landmarks(List.of(
                mean(37, 38, 40, 41),
                mean(43, 44, 46, 47),
                points.get(30),
                mean(48, 60),
                mean(54, 64)));
    }

    private Point mean(int... idx) {
        double x = 0;
        double y = 0;
        for (int i : idx) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        return new Point(x / idx.length, y / idx.length);
    }
}
