package mfr.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.face.Face;
import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.Point;

/** JSON rendering shared by the commands. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static double r(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    static Map<String, Object> box(Box b, int scale) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x1", r(b.x1() * scale));
        m.put("y1", r(b.y1() * scale));
        m.put("x2", r(b.x2() * scale));
        m.put("y2", r(b.y2() * scale));
        return m;
    }

    static List<double[]> points(Landmarks l, int scale) {
        List<double[]> out = new ArrayList<>();
        for (Point p : l.points()) {
            out.add(new double[] {r(p.x() * scale), r(p.y() * scale)});
        }
        return out;
    }

    /** A face as JSON, coordinates multiplied by {@code scale} (the decoder's subsampling). */
    static Map<String, Object> face(Face f, int scale, boolean with68) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("box", box(f.box(), scale));
        m.put("score", Math.round(f.score() * 10000) / 10000.0);
        if (f.landmarks() != null) {
            m.put("landmarks5", points(f.fivePoints(), scale));
            if (with68) {
                m.put("landmarks68", points(f.landmarks(), scale));
            }
        }
        return m;
    }
}
