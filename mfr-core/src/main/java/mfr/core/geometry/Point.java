package mfr.core.geometry;

/** A point in image pixel coordinates (x to the right, y down). */
public record Point(double x, double y) {
    public double distance(Point o) {
        return Math.hypot(x - o.x, y - o.y);
    }
}
