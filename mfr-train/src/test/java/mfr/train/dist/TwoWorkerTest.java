package mfr.train.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.train.loop.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two worker processes over Gloo on loopback compute the same step as one process with the whole batch. */
class TwoWorkerTest {
    @Test
    void twoProcessesOverGlooEqualOneProcess(@TempDir Path tmp) throws Exception {
        new ModelInstaller(MfrHome.resolve()).ensureInstalled();
        Path single = Files.createDirectories(tmp.resolve("single"));
        Path dist = Files.createDirectories(tmp.resolve("dist"));
        StepProbe.run(new Collective.Local(), single);

        int code = Launcher.launch(2, Launcher.freePort(), StepProbe.class.getName(), List.of(dist.toString()),
                tmp.resolve("logs"), Map.of());
        if (code != 0) {
            System.out.println(Files.readString(tmp.resolve("logs/worker-1.log")));
        }
        assertThat(code).isZero();

        Map<String, TensorFile.Entry> one = TensorFile.read(single.resolve("rank0.bin"));
        Map<String, TensorFile.Entry> r0 = TensorFile.read(dist.resolve("rank0.bin"));
        Map<String, TensorFile.Entry> r1 = TensorFile.read(dist.resolve("rank1.bin"));
        assertThat(r0.get("loss").values()[0]).isCloseTo(one.get("loss").values()[0], org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(r1.get("loss").values()[0]).isEqualTo(r0.get("loss").values()[0]);
        double worst = 0;
        int compared = 0;
        for (String k : one.keySet()) {
            if (k.equals("loss") || k.equals("head.weight")) {
                continue;
            }
            worst = Math.max(worst, maxDiff(one.get(k).values(), r0.get(k).values()));
            worst = Math.max(worst, maxDiff(one.get(k).values(), r1.get(k).values()));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
        // The head is sharded: rank 0 holds classes 0..2, rank 1 classes 3..5.
        float[] whole = one.get("head.weight").values();
        float[] a = r0.get("head.weight").values();
        float[] b = r1.get("head.weight").values();
        assertThat(a.length + b.length).isEqualTo(whole.length);
        float[] joined = new float[whole.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        worst = Math.max(worst, maxDiff(whole, joined));
        System.out.println("largest difference between 1 and 2 workers: " + worst);
        assertThat(worst).isLessThan(1e-5);
    }

    private static double maxDiff(float[] x, float[] y) {
        assertThat(y).hasSameSizeAs(x);
        double w = 0;
        for (int i = 0; i < x.length; i++) {
            w = Math.max(w, Math.abs(x[i] - y[i]));
        }
        return w;
    }
}
