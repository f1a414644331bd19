package mfr.train.backbone;

import mfr.train.nn.GraphBuilder;
import mfr.train.nn.GraphBuilder.Init;
import mfr.train.nn.Network;

/**
 * insightface's IResNet (arcface_torch {@code backbones/iresnet.py}): a 3x3 stem, four stages of improved basic
 * blocks (BN, conv3x3, BN, PReLU, conv3x3 with the stage's stride, BN, plus a 1x1-conv+BN shortcut when the shape
 * changes), then BN, flatten, dropout (0), a 25088x512 linear layer and a batch norm whose weight stays 1.
 */
final class IResNet {
    private static final double EPS = 1e-5;

    private IResNet() {
    }

    static Network build(String name, int[] layers, int embedding, long seed) {
        GraphBuilder g = new GraphBuilder(name, seed, new long[] {-1, 3, 112, 112});
        g.conv("conv1", 3, 64, 3, 1, 1, 1, false, Init.NORMAL_01);
        g.batchNorm("bn1", 64, EPS, true);
        g.prelu("prelu", 64);
        int inplanes = 64;
        int[] planes = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < layers[stage]; b++) {
                int stride = b == 0 ? 2 : 1;
                basicBlock(g, "layer" + (stage + 1) + "." + b, inplanes, planes[stage], stride);
                inplanes = planes[stage];
            }
        }
        g.batchNorm("bn2", 512, EPS, true);
        g.flatten("flatten");
        g.linear("fc", 512 * 7 * 7, embedding, true, Init.UNIFORM_FAN_IN);
        g.batchNorm("features", embedding, EPS, false);
        return g.build();
    }

    private static void basicBlock(GraphBuilder g, String p, int in, int planes, int stride) {
        String x = g.current();
        g.batchNorm(p + ".bn1", in, EPS, true);
        g.conv(p + ".conv1", in, planes, 3, 1, 1, 1, false, Init.NORMAL_01);
        g.batchNorm(p + ".bn2", planes, EPS, true);
        g.prelu(p + ".prelu", planes);
        g.conv(p + ".conv2", planes, planes, 3, stride, 1, 1, false, Init.NORMAL_01);
        String out = g.batchNorm(p + ".bn3", planes, EPS, true);
        String identity = x;
        if (stride != 1 || in != planes) {
            g.at(x);
            g.conv(p + ".downsample.0", in, planes, 1, stride, 0, 1, false, Init.NORMAL_01);
            identity = g.batchNorm(p + ".downsample.1", planes, EPS, true);
        }
        g.add(p + ".add", out, identity);
    }
}
