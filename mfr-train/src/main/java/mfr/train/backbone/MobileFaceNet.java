package mfr.train.backbone;

import mfr.train.nn.GraphBuilder;
import mfr.train.nn.GraphBuilder.Init;
import mfr.train.nn.Network;

/**
 * insightface's MobileFaceNet (arcface_torch {@code backbones/mobilefacenet.py}): conv blocks are conv + batch norm +
 * PReLU, linear blocks conv + batch norm; depth-wise blocks expand (1x1), filter (depth-wise 3x3) and project (1x1),
 * with a residual sum in the repeated blocks; a global depth-wise 7x7 conv, a linear layer and batch norm give the
 * embedding. {@code mbf}: blocks (1,4,6,2), scale 2; {@code mbf_large}: (2,8,12,4), scale 4.
 */
final class MobileFaceNet {
    private static final double EPS = 1e-5;
    private final GraphBuilder g;
    private int block;

    private MobileFaceNet(GraphBuilder g) {
        this.g = g;
    }

    static Network build(String name, int[] blocks, int scale, int embedding, long seed) {
        GraphBuilder g = new GraphBuilder(name, seed, new long[] {-1, 3, 112, 112});
        MobileFaceNet m = new MobileFaceNet(g);
        int c64 = 64 * scale;
        int c128 = 128 * scale;
        m.convBlock(3, c64, 3, 2, 1, 1);
        if (blocks[0] == 1) {
            m.convBlock(c64, c64, 3, 1, 1, 64);
        } else {
            m.residual(c64, blocks[0], 128);
        }
        m.depthWise(c64, c64, 2, 128, false);
        m.residual(c64, blocks[1], 128);
        m.depthWise(c64, c128, 2, 256, false);
        m.residual(c128, blocks[2], 256);
        m.depthWise(c128, c128, 2, 512, false);
        m.residual(c128, blocks[3], 256);
        m.convBlock(c128, 512, 1, 1, 0, 1);
        // GDC: global depth-wise conv, flatten, linear, batch norm.
        m.linearBlock(512, 512, 7, 1, 0, 512);
        g.flatten("gdc.flatten");
        g.linear("gdc.linear", 512, embedding, false, Init.KAIMING_FAN_OUT);
        g.batchNorm("gdc.bn", embedding, EPS, true);
        return g.build();
    }

    private void convBlock(int in, int out, int k, int s, int p, int groups) {
        String prefix = "b" + (block++);
        g.conv(prefix + ".conv", in, out, k, s, p, groups, false, Init.KAIMING_FAN_OUT);
        g.batchNorm(prefix + ".bn", out, EPS, true);
        g.prelu(prefix + ".prelu", out);
    }

    private void linearBlock(int in, int out, int k, int s, int p, int groups) {
        String prefix = "b" + (block++);
        g.conv(prefix + ".conv", in, out, k, s, p, groups, false, Init.KAIMING_FAN_OUT);
        g.batchNorm(prefix + ".bn", out, EPS, true);
    }

    private void depthWise(int in, int out, int stride, int groups, boolean residual) {
        String shortcut = g.current();
        convBlock(in, groups, 1, 1, 0, 1);
        convBlock(groups, groups, 3, stride, 1, groups);
        linearBlock(groups, out, 1, 1, 0, 1);
        if (residual) {
            g.add("b" + (block++) + ".add", shortcut, g.current());
        }
    }

    private void residual(int c, int n, int groups) {
        for (int i = 0; i < n; i++) {
            depthWise(c, c, 1, groups, true);
        }
    }
}
