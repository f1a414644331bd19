package mfr.train.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ONNX graph node with the attributes mfr understands (ints, int lists, floats, float lists, strings, tensors). */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
                       Map<String, Object> attributes) {

    public long intAttr(String key, long fallback) {
        Object v = attributes.get(key);
        return v instanceof Long l ? l : fallback;
    }

    public float floatAttr(String key, float fallback) {
        Object v = attributes.get(key);
        return v instanceof Float f ? f : fallback;
    }

    public long[] intsAttr(String key, long[] fallback) {
        Object v = attributes.get(key);
        return v instanceof long[] a ? a : fallback;
    }

    public String stringAttr(String key, String fallback) {
        Object v = attributes.get(key);
        return v instanceof String s ? s : fallback;
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    static OnnxNode read(ProtoReader r) {
        String name = "";
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Map<String, Object> attrs = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> readAttribute(r.message(), attrs);
                default -> r.skip();
            }
        }
        return new OnnxNode(name, op, List.copyOf(in), List.copyOf(out), attrs);
    }

    /** AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8, type 20. */
    private static void readAttribute(ProtoReader r, Map<String, Object> attrs) {
        String name = null;
        Object value = null;
        long[] ints = null;
        float[] floats = null;
        long type = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string();
                case 2 -> value = r.fixed32Float();
                case 3 -> value = r.varint();
                case 4 -> value = r.string();
                case 5 -> value = OnnxTensor.read(r.message());
                case 7 -> floats = OnnxTensor.readFloats(r, floats == null ? new float[0] : floats);
                case 8 -> ints = OnnxTensor.readInts(r, ints == null ? new long[0] : ints);
                case 20 -> type = r.varint();
                default -> r.skip();
            }
        }
        if (type == 7 || ints != null) {
            value = ints == null ? new long[0] : ints;
        } else if (type == 6 || floats != null) {
            value = floats == null ? new float[0] : floats;
        }
        if (name != null && value != null) {
            attrs.put(name, value);
        }
    }

    ProtoWriter write() {
        ProtoWriter w = new ProtoWriter();
        inputs.forEach(i -> w.string(1, i));
        outputs.forEach(o -> w.string(2, o));
        w.string(3, name).string(4, opType);
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
            ProtoWriter aw = new ProtoWriter().string(1, a.getKey());
            Object v = a.getValue();
            if (v instanceof Long l) {
                aw.varint(3, l).varint(20, 2);
            } else if (v instanceof Float f) {
                aw.fixed32Float(2, f).varint(20, 1);
            } else if (v instanceof String s) {
                aw.string(4, s).varint(20, 3);
            } else if (v instanceof long[] ls) {
                for (long l : ls) {
                    aw.varint(8, l);
                }
                aw.varint(20, 7);
            } else if (v instanceof OnnxTensor t) {
                aw.message(5, t.write()).varint(20, 4);
            } else {
                throw new IllegalStateException("cannot write attribute " + a.getKey() + " of " + v.getClass());
            }
            w.message(5, aw);
        }
        return w;
    }
}
