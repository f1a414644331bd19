package mfr.train.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.engine.HostTensors;
import mfr.train.nn.Layer;
import mfr.train.nn.Network;
import mfr.train.nn.Node;
import mfr.train.nn.ParamStore;

/**
 * Turns an ONNX embedding model into a trainable {@link Network} with its weights: Conv, PRelu, Add,
 * BatchNormalization, Gemm, Flatten, and a Reshape to (batch, features); Identity and Dropout pass through.
 * Every weight becomes a trainable parameter (a model with batch norm folded into its convolutions trains without
 * batch norm); batch-norm statistics become state.
 */
public final class OnnxImporter {
    public static final Set<String> SUPPORTED = Set.of("Conv", "PRelu", "Add", "BatchNormalization", "Gemm",
            "Flatten", "GlobalAveragePool", "Reshape", "Identity", "Dropout");

    private OnnxImporter() {
    }

    public static Network load(Path file) {
        return toNetwork(OnnxGraph.read(file), file.getFileName().toString().replaceFirst("\\.onnx$", ""));
    }

    public static Network toNetwork(OnnxGraph g, String name) {
        ParamStore params = new ParamStore();
        try {
            List<Node> nodes = new ArrayList<>();
            Map<String, String> alias = new HashMap<>();
            int i = 0;
            for (OnnxNode n : g.nodes()) {
                String nodeName = n.name().isEmpty() ? n.opType() + "_" + i : n.name();
                i++;
                String in = resolve(alias, n.inputs().get(0));
                String out = n.outputs().get(0);
                switch (n.opType()) {
                    case "Identity", "Dropout" -> alias.put(out, in);
                    case "Conv" -> {
                        long[] pads = n.intsAttr("pads", new long[] {0, 0, 0, 0});
                        if (pads.length == 4 && (pads[0] != pads[2] || pads[1] != pads[3])) {
                            throw unsupported(n, "asymmetric padding " + java.util.Arrays.toString(pads));
                        }
                        if (!"NOTSET".equals(n.stringAttr("auto_pad", "NOTSET"))) {
                            throw unsupported(n, "auto_pad");
                        }
                        String w = weight(g, params, n.inputs().get(1), nodeName + ".weight", null);
                        String b = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()
                                ? weight(g, params, n.inputs().get(2), nodeName + ".bias", null) : null;
                        nodes.add(new Node(nodeName, new Layer.Conv(w, b, n.intsAttr("strides", new long[] {1, 1}),
                                new long[] {pads[0], pads[1]}, n.intsAttr("dilations", new long[] {1, 1}),
                                n.intAttr("group", 1)), List.of(in), out));
                    }
                    case "PRelu" -> {
                        OnnxTensor slope = init(g, n.inputs().get(1), n);
                        String s = weight(g, params, n.inputs().get(1), nodeName + ".weight", new long[] {slope.numel()});
                        nodes.add(new Node(nodeName, new Layer.PRelu(s), List.of(in), out));
                    }
                    case "Add" -> nodes.add(new Node(nodeName, new Layer.Add(),
                            List.of(in, resolve(alias, n.inputs().get(1))), out));
                    case "BatchNormalization" -> {
                        String sc = weight(g, params, n.inputs().get(1), nodeName + ".weight", null);
                        String bi = weight(g, params, n.inputs().get(2), nodeName + ".bias", null);
                        String mean = state(g, params, n.inputs().get(3), nodeName + ".running_mean", n);
                        String var = state(g, params, n.inputs().get(4), nodeName + ".running_var", n);
                        double momentum = 1 - n.floatAttr("momentum", 0.9f);
                        nodes.add(new Node(nodeName, new Layer.BatchNorm(sc, bi, mean, var, n.floatAttr("epsilon", 1e-5f),
                                momentum), List.of(in), out));
                    }
                    case "Gemm" -> {
                        if (n.intAttr("transA", 0) != 0 || n.floatAttr("alpha", 1f) != 1f || n.floatAttr("beta", 1f) != 1f) {
                            throw unsupported(n, "transA, alpha or beta other than the defaults");
                        }
                        OnnxTensor wt = init(g, n.inputs().get(1), n);
                        long[] shape = n.intAttr("transB", 0) == 1 ? wt.dims() : new long[] {wt.dims()[1], wt.dims()[0]};
                        float[] data = n.intAttr("transB", 0) == 1 ? wt.floats() : transpose(wt.floats(), wt.dims());
                        String w = nodeName + ".weight";
                        params.add(w, HostTensors.floats(data, shape), true);
                        String b = n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()
                                ? weight(g, params, n.inputs().get(2), nodeName + ".bias", null) : null;
                        nodes.add(new Node(nodeName, new Layer.Linear(w, b), List.of(in), out));
                    }
                    case "Flatten" -> {
                        if (n.intAttr("axis", 1) != 1) {
                            throw unsupported(n, "axis " + n.intAttr("axis", 1));
                        }
                        nodes.add(new Node(nodeName, new Layer.Flatten(), List.of(in), out));
                    }
                    case "GlobalAveragePool" -> nodes.add(new Node(nodeName, new Layer.GlobalAvgPool(), List.of(in), out));
                    case "Reshape" -> {
                        OnnxTensor shape = init(g, n.inputs().get(1), n);
                        if (shape.longs() == null || shape.longs().length != 2) {
                            throw unsupported(n, "a target shape other than (batch, features)");
                        }
                        nodes.add(new Node(nodeName, new Layer.Flatten(), List.of(in), out));
                    }
                    default -> throw new MfrException(ErrorCode.MODEL, "ONNX operator " + n.opType() + " (node "
                            + nodeName + ") cannot be imported for training; supported: " + String.join(", ",
                            new java.util.TreeSet<>(SUPPORTED)));
                }
            }
            String output = resolve(alias, g.output());
            long[] shape = g.inputShape() == null ? new long[] {-1, 3, 112, 112} : g.inputShape().clone();
            shape[0] = -1;
            return new Network(name, nodes, params, g.input(), output, shape);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
    }

    private static String resolve(Map<String, String> alias, String v) {
        String r = v;
        while (alias.containsKey(r)) {
            r = alias.get(r);
        }
        return r;
    }

    private static OnnxTensor init(OnnxGraph g, String name, OnnxNode n) {
        OnnxTensor t = g.initializers().get(name);
        if (t == null) {
            throw unsupported(n, "input " + name + " that is computed, not a stored initializer");
        }
        return t;
    }

    private static String weight(OnnxGraph g, ParamStore params, String init, String name, long[] shape) {
        OnnxTensor t = g.initializers().get(init);
        if (t == null || t.floats() == null) {
            throw new MfrException(ErrorCode.MODEL, "ONNX initializer " + init + " is missing or not float");
        }
        params.add(name, HostTensors.floats(t.floats(), shape != null ? shape : t.dims()), true);
        return name;
    }

    private static String state(OnnxGraph g, ParamStore params, String init, String name, OnnxNode n) {
        OnnxTensor t = init(g, init, n);
        params.add(name, HostTensors.floats(t.floats(), t.dims()), false);
        return name;
    }

    private static float[] transpose(float[] a, long[] dims) {
        int r = (int) dims[0];
        int c = (int) dims[1];
        float[] out = new float[a.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j * r + i] = a[i * c + j];
            }
        }
        return out;
    }

    private static MfrException unsupported(OnnxNode n, String what) {
        return new MfrException(ErrorCode.MODEL, "ONNX node " + n.name() + " (" + n.opType() + ") uses " + what
                + ", which the importer does not support");
    }
}
