package mfr.train.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mfr.train.engine.HostTensors;

/**
 * Builds a {@link Network} layer by layer, initialising weights from a seeded generator (the same seed gives the
 * same network in every process). Each method appends one node reading the current value (or the named ones) and
 * returns the name of its output.
 */
public final class GraphBuilder {
    /** How convolution and linear weights are drawn. */
    public enum Init {
        /** N(0, sqrt(2 / fan_out)): insightface's MobileFaceNet. */
        KAIMING_FAN_OUT,
        /** N(0, 0.1): insightface's IResNet convolutions. */
        NORMAL_01,
        /** U(-1/sqrt(fan_in), 1/sqrt(fan_in)): PyTorch's default for Linear. */
        UNIFORM_FAN_IN
    }

    private final String name;
    private final SplittableRandom random;
    private final ParamStore params = new ParamStore();
    private final List<Node> nodes = new ArrayList<>();
    private final long[] inputShape;
    private String current;
    private int counter;

    public GraphBuilder(String name, long seed, long[] inputShape) {
        this.name = name;
        this.random = new SplittableRandom(seed);
        this.inputShape = inputShape.clone();
        this.current = "input";
    }

    public String current() {
        return current;
    }

    public GraphBuilder at(String value) {
        current = value;
        return this;
    }

    public String conv(String prefix, int in, int out, int k, int stride, int pad, int groups, boolean bias, Init init) {
        long fanOut = (long) out * k * k / groups;
        long fanIn = (long) in / groups * k * k;
        float[] w = draw((long) out * (in / groups) * k * k, init, fanIn, fanOut);
        String wn = param(prefix + ".weight", HostTensors.floats(w, out, in / groups, k, k), true);
        String bn = bias ? param(prefix + ".bias", HostTensors.floats(new float[out], out), true) : null;
        long[] s = {stride, stride};
        long[] p = {pad, pad};
        return node(prefix, new Layer.Conv(wn, bn, s, p, new long[] {1, 1}, groups), current);
    }

    /** Batch norm with weight 1, bias 0, running mean 0 and variance 1; {@code affineTrainable=false} freezes weight. */
    public String batchNorm(String prefix, int c, double eps, boolean weightTrainable) {
        float[] ones = new float[c];
        java.util.Arrays.fill(ones, 1f);
        String w = param(prefix + ".weight", HostTensors.floats(ones.clone(), c), weightTrainable);
        String b = param(prefix + ".bias", HostTensors.floats(new float[c], c), true);
        String m = param(prefix + ".running_mean", HostTensors.floats(new float[c], c), false);
        String v = param(prefix + ".running_var", HostTensors.floats(ones.clone(), c), false);
        return node(prefix, new Layer.BatchNorm(w, b, m, v, eps, 0.1), current);
    }

    /** PReLU with every slope 0.25 (PyTorch's default). */
    public String prelu(String prefix, int c) {
        float[] s = new float[c];
        java.util.Arrays.fill(s, 0.25f);
        return node(prefix, new Layer.PRelu(param(prefix + ".weight", HostTensors.floats(s, c), true)), current);
    }

    public String add(String prefix, String a, String b) {
        return node(prefix, new Layer.Add(), a, b);
    }

    /** Global average pooling over height and width (output [N, C, 1, 1]). */
    public String globalAvgPool(String prefix) {
        return node(prefix, new Layer.GlobalAvgPool(), current);
    }

    public String flatten(String prefix) {
        return node(prefix, new Layer.Flatten(), current);
    }

    public String linear(String prefix, int in, int out, boolean bias, Init init) {
        float[] w = draw((long) out * in, init, in, out);
        String wn = param(prefix + ".weight", HostTensors.floats(w, out, in), true);
        String bn = null;
        if (bias) {
            float[] b = new float[out];
            double bound = 1 / Math.sqrt(in);
            for (int i = 0; i < out; i++) {
                b[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            bn = param(prefix + ".bias", HostTensors.floats(b, out), true);
        }
        return node(prefix, new Layer.Linear(wn, bn), current);
    }

    public Network build() {
        return new Network(name, nodes, params, "input", current, inputShape);
    }

    private String node(String prefix, Layer layer, String... inputs) {
        String out = prefix + ":" + (counter++);
        nodes.add(new Node(prefix, layer, List.of(inputs), out));
        current = out;
        return out;
    }

    private String param(String n, org.bytedeco.pytorch.Tensor t, boolean train) {
        params.add(n, t, train);
        return n;
    }

    private float[] draw(long n, Init init, long fanIn, long fanOut) {
        float[] w = new float[Math.toIntExact(n)];
        switch (init) {
            case KAIMING_FAN_OUT -> gaussian(w, Math.sqrt(2.0 / fanOut));
            case NORMAL_01 -> gaussian(w, 0.1);
            case UNIFORM_FAN_IN -> {
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            default -> throw new IllegalStateException();
        }
        return w;
    }

    private void gaussian(float[] w, double std) {
        for (int i = 0; i < w.length; i += 2) {
            // Box-Muller: two normals from two uniforms.
            double u1 = 1 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1)) * std;
            w[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < w.length) {
                w[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
    }
}
