package mfr.train.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.head.PartialFc;
import mfr.train.loop.Optimizer;
import mfr.train.loss.MarginLoss;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Step time and memory of the Partial FC head alone (random 512-d embeddings, ArcFace, SGD with momentum) at a given
 * class count and sample rate. Run as a main in its own JVM per configuration, so the peak resident memory it prints
 * belongs to that configuration only.
 */
public final class PartialFcBench {
    private PartialFcBench() {
    }

    /** What one configuration measured. */
    public record Result(int classes, double sampleRate, int batch, double stepMs, double baselineRssMb,
                         double peakRssMb, double headMb) {
        public String toJson() {
            return String.format(Locale.ROOT, "{\"classes\":%d,\"sampleRate\":%s,\"batch\":%d,\"stepMs\":%.1f,"
                    + "\"baselineRssMb\":%.0f,\"peakRssMb\":%.0f,\"headMb\":%.0f}", classes, sampleRate, batch, stepMs,
                    baselineRssMb, peakRssMb, headMb);
        }
    }

    public static void main(String[] args) {
        Result r = run(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println("RESULT " + r.toJson());
    }

    public static Result run(int classes, double rate, int batch, int steps, int threads) {
        Torch.init(threads);
        double baseline = rssMb("VmRSS");
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[batch * 512];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        long[] y = new long[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rnd.nextInt(classes);
        }
        Optimizer sgd = new Optimizer.Sgd(0.9, 5e-4);
        List<Double> times = new ArrayList<>();
        try (PartialFc head = new PartialFc(classes, 512, rate, MarginLoss.arcFace(), new Collective.Local(), 1)) {
            for (int i = 0; i < steps + 1; i++) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor emb = HostTensors.floats(x, batch, 512);
                    emb.set_requires_grad(true);
                    long t0 = System.nanoTime();
                    head.forwardBackward(emb, HostTensors.longs(y, batch), 1.0, 1.0, i);
                    head.applyUpdate(sgd, 0.1, i + 1);
                    if (i > 0) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                }
            }
        }
        // Centres and momentum, float32.
        double headMb = 2.0 * classes * 512 * 4 / (1 << 20);
        return new Result(classes, rate, batch, StepBench.median(times), baseline, rssMb("VmHWM"), headMb);
    }

    static double rssMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
