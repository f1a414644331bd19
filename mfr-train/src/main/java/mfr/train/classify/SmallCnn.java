package mfr.train.classify;

import mfr.train.nn.GraphBuilder;
import mfr.train.nn.GraphBuilder.Init;
import mfr.train.nn.Network;

/**
 * A small convolutional network for binary decisions on small images: {@code blocks} blocks of 3x3 convolution
 * (stride 2, channels {@code width}, 2 {@code width}, 4 {@code width}, ...) + batch norm + PReLU, one more 3x3 block at
 * stride 1, global average pooling and a linear layer to one logit. Input NCHW, {@code [N, 3, size, size]}.
 */
public final class SmallCnn {
    private static final double EPS = 1e-5;

    private SmallCnn() {
    }

    /**
     * @param size   input height and width
     * @param width  channels of the first block (doubled at each further stride-2 block)
     * @param blocks stride-2 blocks (at least 1)
     * @param seed   initialisation seed
     */
    public static Network build(String name, int size, int width, int blocks, long seed) {
        if (size < 8 || width < 1 || blocks < 1 || size >> blocks < 1) {
            throw new IllegalArgumentException("small CNN: need size >= 8, width >= 1 and 1 <= blocks with size / 2^blocks"
                    + " >= 1; got size " + size + ", width " + width + ", blocks " + blocks);
        }
        GraphBuilder g = new GraphBuilder(name, seed, new long[] {-1, 3, size, size});
        int in = 3;
        int c = width;
        for (int b = 0; b < blocks; b++) {
            block(g, "b" + b, in, c, 2);
            in = c;
            if (b + 1 < blocks) {
                c *= 2;
            }
        }
        block(g, "b" + blocks, in, c, 1);
        g.globalAvgPool("pool");
        g.flatten("flatten");
        g.linear("logit", c, 1, true, Init.UNIFORM_FAN_IN);
        return g.build();
    }

    private static void block(GraphBuilder g, String prefix, int in, int out, int stride) {
        g.conv(prefix + ".conv", in, out, 3, stride, 1, 1, false, Init.KAIMING_FAN_OUT);
        g.batchNorm(prefix + ".bn", out, EPS, true);
        g.prelu(prefix + ".prelu", out);
    }
}
