package mfr.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * The parts of an ONNX ModelProto that mfr reads and writes: the nodes in graph order, the initializers, the first
 * graph input that is not an initializer, the first output, and the default-domain opset.
 */
public record OnnxGraph(List<OnnxNode> nodes, Map<String, OnnxTensor> initializers, String input, long[] inputShape,
                        String output, long opset, String producer) {

    public static OnnxGraph read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, file + ": cannot read the ONNX model: " + e.getMessage());
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new MfrException(ErrorCode.MODEL, file + ": not a readable ONNX model: " + e.getMessage());
        }
    }

    /** ModelProto: producer_name 2, graph 7, opset_import 8 (domain 1, version 2). */
    public static OnnxGraph parse(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        ProtoReader graph = null;
        long opset = 0;
        String producer = "";
        while (r.next()) {
            switch (r.field()) {
                case 2 -> producer = r.string();
                case 7 -> graph = r.message();
                case 8 -> {
                    ProtoReader o = r.message();
                    String domain = "";
                    long version = 0;
                    while (o.next()) {
                        if (o.field() == 1) {
                            domain = o.string();
                        } else if (o.field() == 2) {
                            version = o.varint();
                        } else {
                            o.skip();
                        }
                    }
                    if (domain.isEmpty() || domain.equals("ai.onnx")) {
                        opset = version;
                    }
                }
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("no graph in the model");
        }
        return parseGraph(graph, opset, producer);
    }

    /** GraphProto: node 1, initializer 5, input 11, output 12. */
    private static OnnxGraph parseGraph(ProtoReader g, long opset, String producer) {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        List<String> outputs = new ArrayList<>();
        while (g.next()) {
            switch (g.field()) {
                case 1 -> nodes.add(OnnxNode.read(g.message()));
                case 5 -> {
                    OnnxTensor t = OnnxTensor.read(g.message());
                    inits.put(t.name(), t);
                }
                case 11 -> {
                    ValueInfo v = ValueInfo.read(g.message());
                    inputs.add(v.name());
                    shapes.put(v.name(), v.shape());
                }
                case 12 -> outputs.add(ValueInfo.read(g.message()).name());
                default -> g.skip();
            }
        }
        String input = inputs.stream().filter(i -> !inits.containsKey(i)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the graph has no input"));
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("the graph has no output");
        }
        return new OnnxGraph(List.copyOf(nodes), inits, input, shapes.get(input), outputs.get(0), opset, producer);
    }

    /** Serialises a ModelProto (IR version 7) with this graph. */
    public byte[] toBytes(String graphName) {
        ProtoWriter g = new ProtoWriter();
        nodes.forEach(n -> g.message(1, n.write()));
        g.string(2, graphName);
        initializers.values().forEach(t -> g.message(5, t.write()));
        g.message(11, ValueInfo.write(input, inputShape));
        g.message(12, ValueInfo.write(output, null));
        return new ProtoWriter().varint(1, 7).string(2, producer).string(3, "0.1.0").message(7, g)
                .message(8, new ProtoWriter().string(1, "").varint(2, opset)).toByteArray();
    }

    /** ValueInfoProto: name 1, type 2 (TypeProto: tensor_type 1 (elem_type 1, shape 2 (dim 1 (dim_value 1, dim_param 2)))). */
    private record ValueInfo(String name, long[] shape) {
        static ValueInfo read(ProtoReader r) {
            String name = "";
            long[] shape = null;
            while (r.next()) {
                if (r.field() == 1) {
                    name = r.string();
                } else if (r.field() == 2) {
                    shape = tensorShape(r.message());
                } else {
                    r.skip();
                }
            }
            return new ValueInfo(name, shape);
        }

        private static long[] tensorShape(ProtoReader type) {
            while (type.next()) {
                if (type.field() == 1) {
                    ProtoReader tt = type.message();
                    while (tt.next()) {
                        if (tt.field() == 2) {
                            List<Long> dims = new ArrayList<>();
                            ProtoReader shape = tt.message();
                            while (shape.next()) {
                                if (shape.field() == 1) {
                                    long v = -1;
                                    ProtoReader d = shape.message();
                                    while (d.next()) {
                                        if (d.field() == 1) {
                                            v = d.varint();
                                        } else {
                                            d.skip();
                                        }
                                    }
                                    dims.add(v);
                                } else {
                                    shape.skip();
                                }
                            }
                            return dims.stream().mapToLong(Long::longValue).toArray();
                        }
                        tt.skip();
                    }
                } else {
                    type.skip();
                }
            }
            return null;
        }

        /** A float tensor value; dims of -1 are written as the symbolic dimension "batch". */
        static ProtoWriter write(String name, long[] shape) {
            ProtoWriter tensorType = new ProtoWriter().varint(1, OnnxTensor.FLOAT);
            if (shape != null) {
                ProtoWriter s = new ProtoWriter();
                for (long d : shape) {
                    s.message(1, d < 0 ? new ProtoWriter().string(2, "batch") : new ProtoWriter().varint(1, d));
                }
                tensorType.message(2, s);
            }
            return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
        }
    }
}
