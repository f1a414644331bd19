package mfr.train.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.loop.Optimizer;
import mfr.train.loss.MarginLoss;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PartialFcTest {
    @BeforeAll
    static void init() {
        Torch.init(2);
    }

    private static float[] randomEmbeddings(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Plain full FC with autograd: s * margin(normalize(x) normalize(W)^T) and cross-entropy, mean over the batch. */
    private static double fullFc(Tensor x, Tensor w, long[] labels, MarginLoss m) {
        Tensor nx = x.div(torch.clamp_min(x.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, true), new Scalar(1e-12)));
        Tensor nw = w.div(torch.clamp_min(w.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, true), new Scalar(1e-12)));
        Tensor cos = nx.mm(nw.t());
        Tensor y = HostTensors.longs(labels, labels.length);
        Tensor onehot = torch.zeros(cos.size(0), cos.size(1)).scatter(1, y.unsqueeze(1), new Scalar(1.0));
        Tensor logits = cos.add(onehot.mul(m.target(cos).sub(cos))).mul(new Scalar(m.s()));
        Tensor loss = torch.cross_entropy_loss(logits, y);
        loss.backward();
        return loss.item_float();
    }

    @Test
    void withAllCentresAndOneWorkerItIsAPlainFullFc() {
        for (MarginLoss m : new MarginLoss[] {MarginLoss.arcFace(), MarginLoss.cosFace()}) {
            try (PointerScope scope = new PointerScope();
                 PartialFc pfc = new PartialFc(50, 16, 1.0, m, new Collective.Local(), 7)) {
                long[] labels = {3, 17, 17, 49, 0, 25, 8, 33};
                float[] xs = randomEmbeddings(8, 16, 1);
                Tensor x1 = HostTensors.floats(xs, 8, 16);
                x1.set_requires_grad(true);
                PartialFc.Step step = pfc.forwardBackward(x1, HostTensors.longs(labels, 8), 1.0, 1.0, 1);
                assertThat(step.sampled()).isEqualTo(50);

                Tensor x2 = HostTensors.floats(xs, 8, 16);
                x2.set_requires_grad(true);
                Tensor w2 = pfc.weight().clone().detach();
                w2.set_requires_grad(true);
                double expected = fullFc(x2, w2, labels, m);

                assertThat(Math.abs(step.loss() - expected)).as("loss").isLessThan(1e-5 * Math.max(1, expected));
                assertThat(expected).isGreaterThan(1);
                assertClose(HostTensors.toFloats(x1.grad()), HostTensors.toFloats(x2.grad()), 1e-5);
                assertClose(HostTensors.toFloats(pfc.gradient()), HostTensors.toFloats(w2.grad()), 1e-5);
            }
        }
    }

    @Test
    void sampledCentresAreTheOnlyOnesUpdatedAndKeepEveryPositive() {
        try (PointerScope scope = new PointerScope();
             PartialFc pfc = new PartialFc(1000, 8, 0.1, MarginLoss.arcFace(), new Collective.Local(), 3)) {
            long[] labels = {5, 900, 901, 5, 77, 640};
            long[] index = pfc.sample(labels, 1);
            assertThat(index).hasSize(100).contains(5, 900, 901, 77, 640).isSorted();
            assertThat(pfc.sample(labels, 1)).isEqualTo(index);
            assertThat(pfc.sample(labels, 2)).isNotEqualTo(index);

            float[] before = HostTensors.toFloats(pfc.weight());
            Tensor x = HostTensors.floats(randomEmbeddings(6, 8, 2), 6, 8);
            pfc.forwardBackward(x, HostTensors.longs(labels, 6), 1.0, 1.0, 1);
            pfc.applyUpdate(new Optimizer.Sgd(0.9, 5e-4), 0.1, 1);
            float[] after = HostTensors.toFloats(pfc.weight());
            java.util.Set<Long> sampled = new java.util.HashSet<>();
            for (long i : index) {
                sampled.add(i);
            }
            int changed = 0;
            for (int c = 0; c < 1000; c++) {
                boolean same = true;
                for (int k = 0; k < 8; k++) {
                    same &= before[c * 8 + k] == after[c * 8 + k];
                }
                if (!same) {
                    changed++;
                    assertThat(sampled).contains((long) c);
                }
            }
            assertThat(changed).isEqualTo(100);
            // Momentum lives only in the sampled rows.
            float[] mom = HostTensors.toFloats(pfc.optimizerState().get(0));
            for (int c = 0; c < 1000; c++) {
                if (!sampled.contains((long) c)) {
                    for (int k = 0; k < 8; k++) {
                        assertThat(mom[c * 8 + k]).isZero();
                    }
                }
            }
        }
    }

    /** Largest difference relative to the largest magnitude (at least 1): float32 rounding of a sum of N terms. */
    static void assertClose(float[] a, float[] b, double tol) {
        assertThat(a).hasSameSizeAs(b);
        double worst = 0;
        double scale = 1;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        assertThat(worst / scale).isLessThan(tol);
        assertThat(scale).isGreaterThan(0);
    }
}
