package mfr.train.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.onnx.runtime.OnnxModel;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small binary CNN learns a toy task (a block over the lower half of a noisy image, as a mask over the lower
 * face), and its ONNX export gives ONNX Runtime the same logits as the libtorch forward.
 */
class BinaryImageTrainerTest {
    private static final int SIZE = 24;

    /** Noisy images; positives have a flat block of a random colour over the lower half. */
    private static List<float[]> images(int n, boolean[] y, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        int plane = SIZE * SIZE;
        for (int i = 0; i < n; i++) {
            y[i] = i % 2 == 0;
            float[] img = new float[3 * plane];
            float[] colour = {(float) (2 * r.nextDouble() - 1), (float) (2 * r.nextDouble() - 1), (float) (2 * r.nextDouble() - 1)};
            int top = SIZE / 2 + r.nextInt(3) - 1;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    boolean block = y[i] && p / SIZE >= top;
                    img[c * plane + p] = block ? colour[c] + 0.05f * (float) r.nextGaussian() : (float) r.nextGaussian() * 0.6f;
                }
            }
            out.add(img);
        }
        return out;
    }

    @Test
    void lossDropsAndTheOnnxExportMatchesTheLibtorchForward(@TempDir Path tmp) {
        boolean[] y = new boolean[160];
        List<float[]> x = images(y.length, y, 1);
        BinaryImageTrainer.Config cfg = new BinaryImageTrainer.Config(SIZE, 8, 2, 6, 16, 0.01, 1e-4,
                new ChwAugment(0.5, 0.1, 0.1, 0.05, 1), 3, 2);
        List<String> log = new ArrayList<>();
        BinaryImageTrainer.Result r = BinaryImageTrainer.train("toy", x, y, cfg, log::add);
        try (Network net = r.network()) {
            assertThat(log).hasSize(6);
            assertThat(r.steps()).isEqualTo(60);
            assertThat(r.epochLosses().get(5)).isLessThan(0.5 * r.epochLosses().get(0));
            boolean[] ty = new boolean[40];
            List<float[]> test = images(ty.length, ty, 2);
            float[] z = BinaryImageTrainer.logits(net, test, SIZE);
            int right = 0;
            for (int i = 0; i < z.length; i++) {
                right += (z[i] > 0) == ty[i] ? 1 : 0;
            }
            assertThat(right).isGreaterThanOrEqualTo(36);

            OnnxExporter.write(net, tmp.resolve("toy.onnx"));
            ModelSpec spec = new ModelSpec("toy", ModelTask.LIVENESS, "toy.onnx", SIZE, SIZE, ChannelOrder.RGB, 0, 1,
                    null, "test", "test", "");
            try (OnnxModel ort = OnnxModel.load(tmp, spec, OrtSettings.singleThread())) {
                assertThat(ort.dynamicBatch()).isTrue();
                for (int i = 0; i < test.size(); i++) {
                    float[] o = ort.run(test.get(i), new long[] {1, 3, SIZE, SIZE}).values().iterator().next();
                    assertThat(o).hasSize(1);
                    assertThat((double) o[0]).isCloseTo(z[i], org.assertj.core.data.Offset.offset(1e-4));
                }
            }
        }
    }

    @Test
    void sameSeedSameNetwork() {
        boolean[] y = new boolean[32];
        List<float[]> x = images(y.length, y, 5);
        BinaryImageTrainer.Config cfg = new BinaryImageTrainer.Config(SIZE, 4, 2, 1, 8, 0.01, 0,
                new ChwAugment(0.5, 0.1, 0.1, 0.05, 1), 7, 1);
        try (Network a = BinaryImageTrainer.train("a", x, y, cfg, s -> { }).network();
             Network b = BinaryImageTrainer.train("b", x, y, cfg, s -> { }).network()) {
            assertThat(BinaryImageTrainer.logits(a, x, SIZE)).containsExactly(BinaryImageTrainer.logits(b, x, SIZE));
        }
    }

    @Test
    void badInputIsRefusedClearly() {
        boolean[] y = new boolean[4];
        List<float[]> x = images(4, y, 1);
        BinaryImageTrainer.Config cfg = new BinaryImageTrainer.Config(SIZE + 1, 4, 2, 1, 2, 0.01, 0, ChwAugment.NONE, 1, 1);
        assertThatThrownBy(() -> BinaryImageTrainer.train("bad", x, y, cfg, s -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x25x25");
        assertThatThrownBy(() -> new BinaryImageTrainer.Config(SIZE, 4, 2, 0, 2, 0.01, 0, ChwAugment.NONE, 1, 1))
                .hasMessageContaining("epochs");
    }
}
