package mfr.core.geometry;

/** An axis-aligned box in pixel coordinates, corners (x1, y1) top-left and (x2, y2) bottom-right. */
public record Box(double x1, double y1, double x2, double y2) {
    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public Point center() {
        return new Point((x1 + x2) / 2, (y1 + y2) / 2);
    }

    /** Intersection over union, 0 when the boxes do not overlap. */
    public double iou(Box o) {
        double w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (area() + o.area() - inter);
    }

    public Box scale(double sx, double sy) {
        return new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
    }

    public Box translate(double dx, double dy) {
        return new Box(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }

    public Box clip(int width, int height) {
        return new Box(clamp(x1, width), clamp(y1, height), clamp(x2, width), clamp(y2, height));
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
