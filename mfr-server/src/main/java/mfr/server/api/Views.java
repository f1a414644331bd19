package mfr.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.face.Face;
import mfr.core.geometry.Box;
import mfr.core.geometry.Point;
import mfr.server.recognition.OperatingPoint;
import mfr.server.recognition.OperatingPoints;
import mfr.store.template.FaceCollection;
import mfr.store.template.Subject;
import mfr.store.template.TemplateInfo;

/** JSON shapes of the API. Coordinates are pixels of the uploaded image. */
final class Views {
    private Views() {
    }

    static double r(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    static double r4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    static Map<String, Object> box(Box b, int scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x1", r(b.x1() * scale));
        m.put("y1", r(b.y1() * scale));
        m.put("x2", r(b.x2() * scale));
        m.put("y2", r(b.y2() * scale));
        return m;
    }

    static Map<String, Object> face(Face f, int scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", box(f.box(), scale));
        m.put("score", r4(f.score()));
        if (f.landmarks() != null) {
            List<double[]> pts = new ArrayList<>();
            for (Point p : f.fivePoints().points()) {
                pts.add(new double[] {r(p.x() * scale), r(p.y() * scale)});
            }
            m.put("landmarks5", pts);
        }
        // Null when no mask classifier is installed ('mfr mask train-classifier'): not estimated.
        m.put("maskProbability", f.maskKnown() ? r4(f.maskProbability()) : null);
        return m;
    }

    static Map<String, Object> collection(FaceCollection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("storePhotos", c.storePhotos());
        m.put("createdAt", c.createdAt().toString());
        return m;
    }

    static Map<String, Object> subject(Subject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("faces", s.templates());
        m.put("createdAt", s.createdAt().toString());
        return m;
    }

    static Map<String, Object> template(TemplateInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("subject", t.subject());
        m.put("model", t.modelId());
        m.put("dimension", t.dimension());
        m.put("quality", r4(t.quality()));
        m.put("hasPhoto", t.hasPhoto());
        m.put("createdAt", t.createdAt().toString());
        return m;
    }

    static Map<String, Object> point(OperatingPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("far", p.far());
        m.put("threshold", p.threshold());
        return m;
    }

    /**
     * The point that decided: name, far, threshold, {@code set} ("masked" or "unmasked": which calibration the
     * threshold comes from) and, when a masked probe got an unmasked point, {@code note} saying why.
     */
    static Map<String, Object> point(OperatingPoints.Choice c) {
        Map<String, Object> m = point(c.point());
        m.put("set", c.set());
        if (c.note() != null) {
            m.put("note", c.note());
        }
        return m;
    }
}
