package mfr.mask.render;

import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import mfr.core.geometry.Point;

/**
 * The outline of a mask and its ear loops, built in aligned-crop (ArcFace 112x112) coordinates from the 68 landmarks
 * mapped into that frame. Working in the aligned frame makes "up" the face's up whatever the head's roll; yaw shows
 * in the landmarks themselves (a turned head has a shorter jaw on one side), so the outline follows it.
 *
 * @param outline closed outline of the mask
 * @param loops   ear-loop curves (open paths), empty when the style has none
 * @param noseTop where the top edge crosses the nose bridge
 */
public record MaskShape(Path2D outline, List<Path2D> loops, Point noseTop) {

    /** Builds the shape for {@code c}, the 68 landmarks in aligned-crop coordinates. */
    public static MaskShape build(List<Point> c, MaskStyle style) {
        MaskType.Family family = style.type().family();
        Point noseTop = lerp(c.get(27), c.get(30), style.top());
        Point centre = c.get(33);
        double inset = family == MaskType.Family.N95 ? 0.10 : 0.0;
        // Side and bottom: jaw points 2..14 pushed away from the nose base, more so under the chin.
        List<Point> side = new ArrayList<>();
        for (int i = 2; i <= 14; i++) {
            Point j = c.get(i);
            if (inset > 0) {
                j = lerp(j, centre, inset);
            }
            double w = Math.max(0, 1 - Math.abs(i - 8) / 5.0);
            double push = style.bulge() + style.chinDrop() * w * w;
            if (family == MaskType.Family.KN95 && i == 8) {
                push += 3;
            }
            side.add(away(j, centre, push));
        }
        Point cornerL = away(lerp(c.get(1), c.get(2), family == MaskType.Family.N95 ? 0.7 : 0.3), centre,
                style.bulge());
        Point cornerR = away(lerp(c.get(15), c.get(14), family == MaskType.Family.N95 ? 0.7 : 0.3), centre,
                style.bulge());
        if (inset > 0) {
            cornerL = lerp(cornerL, centre, inset);
            cornerR = lerp(cornerR, centre, inset);
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(cornerL.x(), cornerL.y());
        topEdge(p, cornerL, noseTop, family);
        topEdge(p, cornerR, noseTop, family, true);
        List<Point> ring = new ArrayList<>();
        ring.add(cornerR);
        for (int k = side.size() - 1; k >= 0; k--) {
            ring.add(side.get(k));
        }
        ring.add(cornerL);
        catmullRom(p, ring);
        p.closePath();
        List<Path2D> loops = new ArrayList<>();
        if (style.earLoops()) {
            loops.add(loop(cornerL, side.get(2), c.get(0), c.get(16)));
            loops.add(loop(cornerR, side.get(side.size() - 3), c.get(16), c.get(0)));
        }
        return new MaskShape(p, List.copyOf(loops), noseTop);
    }

    private static void topEdge(Path2D p, Point corner, Point nose, MaskType.Family family) {
        topEdge(p, corner, nose, family, false);
    }

    /** A cubic from corner to nose (or back): slightly raised over the cheek, flat or peaked at the nose. */
    private static void topEdge(Path2D p, Point corner, Point nose, MaskType.Family family, boolean backwards) {
        double rise = family == MaskType.Family.KN95 ? 1.0 : 2.0;
        Point c1 = new Point(corner.x() + 0.35 * (nose.x() - corner.x()), corner.y() + 0.35 * (nose.y() - corner.y())
                - rise);
        Point c2 = family == MaskType.Family.KN95
                ? new Point(nose.x() - 0.1 * (nose.x() - corner.x()), nose.y() + 0.5)
                : new Point(nose.x() - 0.3 * (nose.x() - corner.x()), nose.y() + 1.0);
        if (!backwards) {
            p.curveTo(c1.x(), c1.y(), c2.x(), c2.y(), nose.x(), nose.y());
        } else {
            p.curveTo(c2.x(), c2.y(), c1.x(), c1.y(), corner.x(), corner.y());
        }
    }

    /** Appends a Catmull-Rom spline through {@code pts} (the path already stands at the first point). */
    private static void catmullRom(Path2D p, List<Point> pts) {
        int n = pts.size();
        for (int i = 0; i < n - 1; i++) {
            Point p0 = pts.get(Math.max(0, i - 1));
            Point p1 = pts.get(i);
            Point p2 = pts.get(i + 1);
            Point p3 = pts.get(Math.min(n - 1, i + 2));
            p.curveTo(p1.x() + (p2.x() - p0.x()) / 6, p1.y() + (p2.y() - p0.y()) / 6,
                    p2.x() - (p3.x() - p1.x()) / 6, p2.y() - (p3.y() - p1.y()) / 6, p2.x(), p2.y());
        }
    }

    /** An elastic loop from the mask's upper corner round the ear and back to the lower side. */
    private static Path2D loop(Point upper, Point lower, Point jawTop, Point otherJawTop) {
        double dx = jawTop.x() - otherJawTop.x();
        double dir = Math.signum(dx);
        Point ear = new Point(jawTop.x() + dir * 0.04 * Math.abs(dx), jawTop.y() - 4);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(upper.x(), upper.y());
        p.quadTo((upper.x() + ear.x()) / 2, Math.min(upper.y(), ear.y()) - 1.5, ear.x(), ear.y());
        p.quadTo(ear.x() + dir * 2, (ear.y() + lower.y()) / 2 + 6, lower.x(), lower.y());
        return p;
    }

    static Point lerp(Point a, Point b, double t) {
        return new Point(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y()));
    }

    private static Point away(Point p, Point from, double by) {
        double dx = p.x() - from.x();
        double dy = p.y() - from.y();
        double d = Math.hypot(dx, dy);
        return d == 0 ? p : new Point(p.x() + dx / d * by, p.y() + dy / d * by);
    }
}
