package mfr.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.engine.HostTensors;
import mfr.train.nn.Layer;
import mfr.train.nn.Network;
import mfr.train.nn.Node;

/**
 * Writes a {@link Network} as an ONNX model (opset 11, IR 7) for inference: batch norm with its running statistics,
 * a dynamic batch dimension, float32 weights stored inside the file. ONNX Runtime (and so {@code mfr-onnx}) serves it.
 */
public final class OnnxExporter {
    public static final long OPSET = 11;

    private OnnxExporter() {
    }

    public static OnnxGraph toGraph(Network net) {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        for (Node n : net.nodes()) {
            Layer l = n.layer();
            List<String> in = new ArrayList<>(n.inputs());
            Map<String, Object> attrs = new LinkedHashMap<>();
            String op;
            if (l instanceof Layer.Conv c) {
                op = "Conv";
                long[] wShape = net.params().get(c.weight()).shape();
                attrs.put("dilations", c.dilation());
                attrs.put("group", c.groups());
                attrs.put("kernel_shape", new long[] {wShape[2], wShape[3]});
                attrs.put("pads", new long[] {c.padding()[0], c.padding()[1], c.padding()[0], c.padding()[1]});
                attrs.put("strides", c.stride());
                in.add(tensor(net, inits, c.weight(), null));
                if (c.bias() != null) {
                    in.add(tensor(net, inits, c.bias(), null));
                }
            } else if (l instanceof Layer.PRelu p) {
                op = "PRelu";
                long c = net.params().get(p.slope()).numel();
                in.add(tensor(net, inits, p.slope(), new long[] {c, 1, 1}));
            } else if (l instanceof Layer.Add) {
                op = "Add";
            } else if (l instanceof Layer.BatchNorm b) {
                op = "BatchNormalization";
                attrs.put("epsilon", (float) b.eps());
                attrs.put("momentum", (float) (1 - b.momentum()));
                long c = net.params().get(b.runningMean()).numel();
                in.add(b.weight() != null ? tensor(net, inits, b.weight(), null) : constant(inits, n.name() + ".weight", c, 1f));
                in.add(b.bias() != null ? tensor(net, inits, b.bias(), null) : constant(inits, n.name() + ".bias", c, 0f));
                in.add(tensor(net, inits, b.runningMean(), null));
                in.add(tensor(net, inits, b.runningVar(), null));
            } else if (l instanceof Layer.GlobalAvgPool) {
                op = "GlobalAveragePool";
            } else if (l instanceof Layer.Flatten) {
                op = "Flatten";
                attrs.put("axis", 1L);
            } else if (l instanceof Layer.Linear lin) {
                op = "Gemm";
                attrs.put("transB", 1L);
                in.add(tensor(net, inits, lin.weight(), null));
                if (lin.bias() != null) {
                    in.add(tensor(net, inits, lin.bias(), null));
                }
            } else {
                throw new IllegalStateException("cannot export layer " + l);
            }
            nodes.add(new OnnxNode(n.name(), op, in, List.of(n.output()), attrs));
        }
        return new OnnxGraph(nodes, inits, net.input(), net.inputShape(), net.output(), OPSET, "mfr-train");
    }

    /** Writes the model atomically (temporary file, then move). */
    public static void write(Network net, Path file) {
        byte[] bytes = toGraph(net).toBytes(net.name());
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".export", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String tensor(Network net, Map<String, OnnxTensor> inits, String name, long[] shape) {
        var t = net.params().get(name);
        inits.put(name, OnnxTensor.ofFloats(name, shape != null ? shape : t.shape(), HostTensors.toFloats(t.detach())));
        return name;
    }

    private static String constant(Map<String, OnnxTensor> inits, String name, long c, float v) {
        float[] data = new float[(int) c];
        java.util.Arrays.fill(data, v);
        inits.put(name, OnnxTensor.ofFloats(name, new long[] {c}, data));
        return name;
    }
}
