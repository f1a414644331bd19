package mfr.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.train.config.TrainConfig;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest {
    /** The analytic gradient of weight/N * sum(1 - cos(e_i, t_i)) matches central finite differences. */
    @Test
    void gradientMatchesFiniteDifferences() {
        Torch.init(1);
        int b = 3;
        int dim = 8;
        SplittableRandom r = new SplittableRandom(7);
        float[] e = new float[b * dim];
        float[] t = new float[b * dim];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (r.nextGaussian() * 2);
            t[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b; i++) {
            double n = 0;
            for (int k = 0; k < dim; k++) {
                n += t[i * dim + k] * t[i * dim + k];
            }
            for (int k = 0; k < dim; k++) {
                t[i * dim + k] /= (float) Math.sqrt(n);
            }
        }
        double weight = 3;
        int global = 5;
        float[] g;
        double mean;
        try (PointerScope scope = new PointerScope()) {
            Distillation.Term term = Distillation.term(HostTensors.floats(e, b, dim), t, weight, global);
            g = HostTensors.toFloats(term.gradient());
            mean = term.meanLoss();
        }
        assertThat(mean * b * weight / global).isCloseTo(loss(e, t, b, dim, weight, global), org.assertj.core.data.Offset.offset(1e-6));
        double h = 1e-3;
        for (int i = 0; i < e.length; i++) {
            float[] plus = e.clone();
            float[] minus = e.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double numeric = (loss(plus, t, b, dim, weight, global) - loss(minus, t, b, dim, weight, global)) / (2 * h);
            assertThat((double) g[i]).as("d/de[" + i + "]").isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-4));
        }
    }

    private static double loss(float[] e, float[] t, int b, int dim, double weight, int global) {
        double sum = 0;
        for (int i = 0; i < b; i++) {
            double n = 0;
            double dot = 0;
            for (int k = 0; k < dim; k++) {
                n += (double) e[i * dim + k] * e[i * dim + k];
                dot += (double) e[i * dim + k] * t[i * dim + k];
            }
            sum += 1 - dot / Math.sqrt(n);
        }
        return weight / global * sum;
    }

    /**
     * Fine-tuning the default embedder with distillation from its own starting weights: on the originals the first
     * distillation loss is ~0 (the targets belong to the samples they are applied to), on masked twins (here other
     * pictures) it is not; the teacher targets are kept in the run folder.
     */
    @Test
    void distillationTargetsBelongToTheirSamples(@TempDir Path tmp) throws Exception {
        new ModelInstaller(MfrHome.resolve()).ensureInstalled();
        Path data = tmp.resolve("data");
        Path twins = tmp.resolve("twins");
        SplittableRandom r = new SplittableRandom(3);
        for (String id : new String[] {"a", "b"}) {
            for (int i = 0; i < 4; i++) {
                write(data.resolve(id).resolve(i + ".png"), r);
                write(twins.resolve(id).resolve(i + ".png"), r);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model.backbone", "onnx:fr_feature");
        m.put("model.freeze", "0.5");
        m.put("data.kind", "folder");
        m.put("data.path", data.toString());
        m.put("data.flip", "0");
        m.put("data.order", "BGR");
        m.put("data.mean", "127");
        m.put("data.std", "128");
        m.put("head.loss", "cosface");
        m.put("head.weight", "0");
        m.put("head.init", "teacher");
        m.put("distill.weight", "1");
        m.put("optim.batchSize", "4");
        m.put("optim.steps", "2");
        m.put("optim.lr", "0.001");
        m.put("run.checkpointEvery", "0");
        m.put("run.output", tmp.resolve("plain").toString());
        Trainer.Result plain = new Trainer(TrainConfig.of(m), new Collective.Local(), TrainListener.NONE, null).run();
        assertThat(plain.firstLoss()).isBetween(0.0, 1e-4);
        assertThat(tmp.resolve("plain").resolve(TeacherTargets.FILE)).hasSize(12 + 8 * 512 * 4);

        m.put("data.mask", "1");
        m.put("data.maskedPath", twins.toString());
        m.put("run.output", tmp.resolve("masked").toString());
        Trainer.Result masked = new Trainer(TrainConfig.of(m), new Collective.Local(), TrainListener.NONE, null).run();
        assertThat(masked.firstLoss()).isGreaterThan(0.01);
        assertThat(masked.onnx()).exists();
    }

    private static void write(Path file, SplittableRandom r) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        int base = r.nextInt(0xffffff);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                img.setRGB(x, y, (base + r.nextInt(0x202020)) & 0xffffff);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
