package mfr.train.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mfr.train.backbone.Backbones;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.head.PartialFc;
import mfr.train.loop.BackboneOptimizer;
import mfr.train.loop.Optimizer;
import mfr.train.loss.MarginLoss;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Times one full training step (backbone forward, ArcFace full-FC head with its backward into the backbone,
 * gradient clipping, SGD update of backbone and centres) on a fixed random batch, as the trainer runs it. The
 * PyTorch script {@code torch_step.py} next to this class does the same step in Python for the ratio.
 */
public final class StepBench {
    private StepBench() {
    }

    /** Median milliseconds of the timed steps, with the forward and forward+head+backward parts. */
    public record Timing(String engine, String backbone, int batch, int threads, boolean bf16, double stepMs,
                         double forwardMs, double backwardMs, List<Double> steps, double cpuMs, List<Double> cpuSteps) {
    }

    /** CPU time of this process (all threads), milliseconds: less sensitive than wall time to other load. */
    static double cpuMs() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e6;
    }

    public static Timing run(String backbone, int batch, int classes, int threads, int warmup, int steps, boolean bf16) {
        Torch.init(threads);
        SplittableRandom r = new SplittableRandom(0);
        float[] px = new float[batch * 3 * 112 * 112];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (r.nextDouble() * 2 - 1);
        }
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = r.nextInt(classes);
        }
        Optimizer sgd = new Optimizer.Sgd(0.9, 5e-4);
        List<Double> times = new ArrayList<>();
        List<Double> fwd = new ArrayList<>();
        List<Double> bwd = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try (Network net = Backbones.create(backbone, 512, 1);
             BackboneOptimizer opt = new BackboneOptimizer(net.params(), sgd);
             PartialFc head = new PartialFc(classes, 512, 1.0, MarginLoss.arcFace(), new Collective.Local(), 1)) {
            for (int i = 0; i < warmup + steps; i++) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor x = HostTensors.floats(px, batch, 3, 112, 112);
                    Tensor y = HostTensors.longs(labels, batch);
                    double c0 = cpuMs();
                    long t0 = System.nanoTime();
                    Tensor emb = mfr.train.loop.Trainer.forwardForBench(net, x, bf16);
                    long t1 = System.nanoTime();
                    head.forwardBackward(emb, y, 1.0, 1.0, i);
                    long t2 = System.nanoTime();
                    opt.reduceAndClip(new Collective.Local(), 1.0, 5.0);
                    opt.update(0.1, i + 1);
                    head.applyUpdate(sgd, 0.1, i + 1);
                    opt.zeroGrad();
                    long t3 = System.nanoTime();
                    double c1 = cpuMs();
                    if (i >= warmup) {
                        cpu.add(c1 - c0);
                        times.add((t3 - t0) / 1e6);
                        fwd.add((t1 - t0) / 1e6);
                        bwd.add((t2 - t1) / 1e6);
                    }
                }
            }
        }
        return new Timing("mfr (libtorch " + Torch.VERSION + ", JavaCPP)", backbone, batch, threads, bf16,
                median(times), median(fwd), median(bwd), times, median(cpu), cpu);
    }

    /** {@code StepBench BACKBONE BATCH CLASSES THREADS WARMUP STEPS [bf16]}: prints one result line. */
    public static void main(String[] args) {
        Timing t = run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), args.length > 6 && args[6].equals("bf16"));
        System.out.printf(java.util.Locale.ROOT, "RESULT prelu=%s stepMs=%.0f cpuMs=%.0f forwardMs=%.0f backwardMs=%.0f"
                + " steps=%s%n", System.getProperty("mfr.prelu", "native"), t.stepMs(), t.cpuMs(), t.forwardMs(),
                t.backwardMs(), t.steps());
    }

    public static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
