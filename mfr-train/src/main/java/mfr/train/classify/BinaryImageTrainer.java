package mfr.train.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.loop.BackboneOptimizer;
import mfr.train.loop.LrSchedule;
import mfr.train.loop.Optimizer;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Trains a {@link SmallCnn} to tell two classes of small images apart (one logit, binary cross-entropy), on the
 * libtorch engine: mini-batches shuffled by a seeded generator, {@link ChwAugment light augmentation}, AdamW with a
 * linear warm-up and linear decay. Images are normalised CHW float arrays {@code [3, size, size]}, held in memory.
 * The same seed, data and thread count give the same network.
 */
public final class BinaryImageTrainer {
    /**
     * @param size        image height and width
     * @param width       channels of the network's first block
     * @param blocks      stride-2 blocks
     * @param epochs      passes over the data
     * @param batch       images per step
     * @param lr          peak learning rate
     * @param weightDecay AdamW's decoupled weight decay
     * @param augment     augmentation of each training image
     * @param seed        seed of the initialisation, the order and the augmentation
     * @param threads     libtorch threads
     */
    public record Config(int size, int width, int blocks, int epochs, int batch, double lr, double weightDecay,
                         ChwAugment augment, long seed, int threads) {
        public Config {
            if (epochs < 1 || batch < 2 || lr <= 0 || weightDecay < 0 || threads < 1) {
                throw new IllegalArgumentException("CNN training: need epochs >= 1, batch >= 2, lr > 0,"
                        + " weight decay >= 0 and threads >= 1");
            }
        }
    }

    /** The trained network (caller closes it), the mean loss of each epoch, the steps and the seconds taken. */
    public record Result(Network network, List<Double> epochLosses, long steps, double seconds) {
    }

    private BinaryImageTrainer() {
    }

    /**
     * Trains on images {@code x} with labels {@code y} (true = the positive class); {@code progress} hears one line
     * per epoch.
     */
    public static Result train(String name, List<float[]> x, boolean[] y, Config cfg, Consumer<String> progress) {
        int n = x.size();
        int per = 3 * cfg.size() * cfg.size();
        if (n != y.length || n < 2) {
            throw new IllegalArgumentException("CNN training: " + n + " images and " + y.length + " labels");
        }
        for (float[] img : x) {
            if (img.length != per) {
                throw new IllegalArgumentException("CNN training: images must be 3x" + cfg.size() + "x" + cfg.size()
                        + " (" + per + " values), got " + img.length);
            }
        }
        Torch.init(cfg.threads());
        long t0 = System.nanoTime();
        Network net = SmallCnn.build(name, cfg.size(), cfg.width(), cfg.blocks(), cfg.seed());
        int batch = Math.min(cfg.batch(), n);
        int stepsPerEpoch = n / batch;
        long total = (long) stepsPerEpoch * cfg.epochs();
        LrSchedule lr = new LrSchedule(cfg.lr(), (int) Math.max(1, total / 20), Math.toIntExact(total), 1.0);
        Random rng = new Random(cfg.seed());
        List<Double> losses = new ArrayList<>();
        long step = 0;
        try (BackboneOptimizer opt = new BackboneOptimizer(net.params(),
                new Optimizer.AdamW(0.9, 0.999, 1e-8, cfg.weightDecay()))) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            float[] buf = new float[batch * per];
            float[] labels = new float[batch];
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                double sum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    for (int b = 0; b < batch; b++) {
                        int k = order[s * batch + b];
                        cfg.augment().apply(x.get(k), cfg.size(), rng, buf, b * per);
                        labels[b] = y[k] ? 1f : 0f;
                    }
                    step++;
                    try (PointerScope scope = new PointerScope()) {
                        Tensor in = HostTensors.floats(buf, batch, 3, cfg.size(), cfg.size());
                        Tensor z = net.forward(in, true).view(-1);
                        Tensor loss = torch.binary_cross_entropy_with_logits(z, HostTensors.floats(labels, batch));
                        loss.backward();
                        sum += loss.item_float();
                        opt.update(lr.at(step), step);
                        opt.zeroGrad();
                    }
                }
                double mean = sum / Math.max(1, stepsPerEpoch);
                losses.add(mean);
                progress.accept(String.format(java.util.Locale.ROOT, "epoch %d/%d: loss %.4f (%d steps, %.0f s)",
                        epoch, cfg.epochs(), mean, step, (System.nanoTime() - t0) / 1e9));
            }
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return new Result(net, losses, step, (System.nanoTime() - t0) / 1e9);
    }

    /** The network's logits (evaluation mode: batch norm's running statistics) for each image. */
    public static float[] logits(Network net, List<float[]> x, int size) {
        float[] out = new float[x.size()];
        int per = 3 * size * size;
        int chunk = 256;
        for (int from = 0; from < x.size(); from += chunk) {
            int m = Math.min(chunk, x.size() - from);
            float[] buf = new float[m * per];
            for (int i = 0; i < m; i++) {
                System.arraycopy(x.get(from + i), 0, buf, i * per, per);
            }
            try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                float[] z = HostTensors.toFloats(net.forward(HostTensors.floats(buf, m, 3, size, size), false));
                System.arraycopy(z, 0, out, from, m);
            }
        }
        return out;
    }
}
