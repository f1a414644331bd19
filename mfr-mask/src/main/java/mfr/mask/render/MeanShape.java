package mfr.mask.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mfr.core.align.FaceAligner;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;

/**
 * A mean 68-point face in aligned-crop (ArcFace 112x112) coordinates, used to draw masks when only the 5 points are
 * known: the mean shape is placed on the 5 points by a least-squares similarity. The standard one ships as the
 * resource {@code mfr/mask/mean-shape-68.txt}, fitted by {@code mfr mask mean-shape} (the resource's header says on
 * what data).
 */
public record MeanShape(List<Point> points) {
    private static final String RESOURCE = "/mfr/mask/mean-shape-68.txt";
    private static volatile MeanShape standard;

    public MeanShape {
        points = List.copyOf(points);
        if (points.size() != 68) {
            throw new IllegalArgumentException("a mean shape has 68 points, got " + points.size());
        }
    }

    /** The shipped mean shape. */
    public static MeanShape standard() {
        MeanShape s = standard;
        if (s == null) {
            try (InputStream in = MeanShape.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the mfr-mask jar");
                }
                s = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + RESOURCE, e);
            }
            standard = s;
        }
        return s;
    }

    /** Averages the shapes of many faces after aligning each onto the ArcFace template with its own 5 points. */
    public static MeanShape fit(List<Landmarks> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to fit a mean shape on");
        }
        FaceAligner aligner = new FaceAligner();
        double[] sx = new double[68];
        double[] sy = new double[68];
        for (Landmarks l : faces) {
            SimilarityTransform t = aligner.transform(l);
            for (int i = 0; i < 68; i++) {
                Point p = t.apply(l.get(i));
                sx[i] += p.x();
                sy[i] += p.y();
            }
        }
        List<Point> pts = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            pts.add(new Point(sx[i] / faces.size(), sy[i] / faces.size()));
        }
        return new MeanShape(pts);
    }

    /** 68 points placed on a face of which only the 5 ArcFace points are known. */
    public Landmarks expand(Landmarks five) {
        if (five.size() == 68) {
            return five;
        }
        Landmarks mine = new Landmarks(points).toFivePoints();
        SimilarityTransform t = SimilarityTransform.estimate(mine.points(), five.points());
        return new Landmarks(points.stream().map(t::apply).toList());
    }

    /** The file format: '#' comment lines, then 68 lines "x y". */
    public String format(String header) {
        StringBuilder sb = new StringBuilder();
        for (String h : header.split("\n")) {
            sb.append("# ").append(h).append('\n');
        }
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "%.3f %.3f%n", p.x(), p.y()));
        }
        return sb.toString();
    }

    public static MeanShape parse(List<String> lines) {
        List<Point> pts = new ArrayList<>();
        for (String line : lines) {
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            pts.add(new Point(Double.parseDouble(f[0]), Double.parseDouble(f[1])));
        }
        return new MeanShape(pts);
    }
}
