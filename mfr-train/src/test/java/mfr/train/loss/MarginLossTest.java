package mfr.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import mfr.train.engine.HostTensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Target logits after the margin, against values worked out by hand. */
class MarginLossTest {
    private static float[] apply(MarginLoss m, float... cos) {
        try (PointerScope scope = new PointerScope()) {
            Tensor out = m.target(HostTensors.floats(cos, cos.length));
            return HostTensors.toFloats(out);
        }
    }

    @Test
    void arcFaceAddsHalfARadianToTheAngle() {
        // cos 0.5 -> theta = pi/3 = 1.0471976; + 0.5 = 1.5471976; cos(1.5471976) = sin(pi/2 - 1.5471976) = sin(0.0235988)
        // = 0.0235966. cos 0.8 -> theta = 0.6435011; + 0.5 = 1.1435011; cos = 0.4144107.
        float[] out = apply(MarginLoss.arcFace(), 0.5f, 0.8f);
        assertThat(out[0]).isCloseTo(0.0235966f, within(2e-6f));
        assertThat(out[1]).isCloseTo(0.4144107f, within(2e-6f));
    }

    @Test
    void arcFaceFallsBackPastPi() {
        // cos -0.95: theta = 2.8240 and theta + 0.5 > pi, so the target is cos - sin(pi - 0.5) * 0.5
        // = -0.95 - 0.4794255 * 0.5 = -1.1897128.
        float[] out = apply(MarginLoss.arcFace(), -0.95f);
        assertThat(out[0]).isCloseTo(-1.1897128f, within(2e-6f));
        assertThat(MarginLoss.arcFace().target(-0.95)).isCloseTo(-1.1897128, within(1e-6));
    }

    @Test
    void cosFaceSubtractsPointFour() {
        // 0.5 - 0.4 = 0.1; -0.2 - 0.4 = -0.6
        float[] out = apply(MarginLoss.cosFace(), 0.5f, -0.2f);
        assertThat(out[0]).isCloseTo(0.1f, within(1e-6f));
        assertThat(out[1]).isCloseTo(-0.6f, within(1e-6f));
    }

    @Test
    void combinedMarginUsesAllThree() {
        // (s, m1, m2, m3) = (64, 0.9, 0.4, 0.15) at cos 0.6: theta = 0.9272952; 0.9 * theta + 0.4 = 1.2345657;
        // cos(1.2345657) = 0.3299311; - 0.15 = 0.1799311
        MarginLoss m = new MarginLoss(64, 0.9, 0.4, 0.15);
        assertThat(apply(m, 0.6f)[0]).isCloseTo(0.1799311f, within(3e-6f));
        assertThat(m.target(0.6)).isCloseTo(0.1799311, within(1e-6));
        assertThat(MarginLoss.arcFace().s()).isEqualTo(64);
    }
}
