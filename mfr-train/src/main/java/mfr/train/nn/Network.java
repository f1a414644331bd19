package mfr.train.nn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * A trainable network: nodes in topological order over named values, with parameters in a {@link ParamStore}.
 * Built by a backbone definition ({@code mfr.train.backbone}) or imported from ONNX; exported back to ONNX by
 * {@code mfr.train.onnx.OnnxExporter}. Input: NCHW float images; output: the raw (not normalised) embedding.
 * Forward runs whatever dtype autocast selects; parameters stay float32.
 */
public final class Network implements AutoCloseable {
    private final String name;
    private final List<Node> nodes;
    private final ParamStore params;
    private final String input;
    private final String output;
    private final long[] inputShape;

    public Network(String name, List<Node> nodes, ParamStore params, String input, String output, long[] inputShape) {
        this.name = name;
        this.nodes = List.copyOf(nodes);
        this.params = params;
        this.input = input;
        this.output = output;
        this.inputShape = inputShape.clone();
        for (Node n : this.nodes) {
            for (String t : n.layer().tensorNames()) {
                if (!params.has(t)) {
                    throw new IllegalArgumentException("node " + n.name() + " refers to missing tensor " + t);
                }
            }
        }
    }

    /**
     * Runs the network. In training mode batch norm uses batch statistics and updates its running statistics; in
     * evaluation mode it uses the running statistics.
     */
    public Tensor forward(Tensor x, boolean training) {
        Map<String, Tensor> values = new HashMap<>();
        values.put(input, x);
        for (Node n : nodes) {
            Tensor a = values.get(n.inputs().get(0));
            if (a == null) {
                throw new IllegalStateException("node " + n.name() + " reads " + n.inputs().get(0) + " before it is computed");
            }
            values.put(n.output(), apply(n.layer(), a, n.inputs().size() > 1 ? values.get(n.inputs().get(1)) : null, training));
        }
        return values.get(output);
    }

    private Tensor apply(Layer layer, Tensor a, Tensor b, boolean training) {
        if (layer instanceof Layer.Conv c) {
            return torch.conv2d(a, params.get(c.weight()), optional(c.bias()), c.stride(), c.padding(), c.dilation(), c.groups());
        } else if (layer instanceof Layer.PRelu p) {
            return prelu(a, params.get(p.slope()));
        } else if (layer instanceof Layer.Add) {
            return a.add(b);
        } else if (layer instanceof Layer.BatchNorm bn) {
            return torch.batch_norm(a, optional(bn.weight()), optional(bn.bias()), optional(bn.runningMean()),
                    optional(bn.runningVar()), training, bn.momentum(), bn.eps(), false);
        } else if (layer instanceof Layer.GlobalAvgPool) {
            return torch.adaptive_avg_pool2d(a, 1, 1);
        } else if (layer instanceof Layer.Flatten) {
            return torch.flatten(a, 1, -1);
        } else if (layer instanceof Layer.Linear l) {
            return torch.linear(a, params.get(l.weight()), optional(l.bias()));
        }
        throw new IllegalStateException("unknown layer " + layer);
    }

    /**
     * How PReLU is expressed: {@code native} (torch.prelu, the default), {@code where} (where(x > 0, x, w x)) or
     * {@code relu} (relu(x) - w relu(-x)). Chosen once per process with {@code -Dmfr.prelu=...}, for benchmarks.
     */
    static final String PRELU = System.getProperty("mfr.prelu", "native");

    private static Tensor prelu(Tensor x, Tensor w) {
        switch (PRELU) {
            case "where": {
                Tensor wb = x.dim() == 4 ? w.view(1, -1, 1, 1) : w.view(1, -1);
                return x.where(x.gt(new org.bytedeco.pytorch.Scalar(0.0)), x.mul(wb));
            }
            case "relu": {
                Tensor wb = x.dim() == 4 ? w.view(1, -1, 1, 1) : w.view(1, -1);
                return torch.relu(x).sub(torch.relu(x.neg()).mul(wb));
            }
            default:
                return torch.prelu(x, w);
        }
    }

    private TensorOptional optional(String tensor) {
        return tensor == null ? new TensorOptional() : new TensorOptional(params.get(tensor));
    }

    public String name() {
        return name;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public ParamStore params() {
        return params;
    }

    public String input() {
        return input;
    }

    public String output() {
        return output;
    }

    /** [N, C, H, W] with N = -1 (any batch). */
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public void close() {
        params.close();
    }
}
