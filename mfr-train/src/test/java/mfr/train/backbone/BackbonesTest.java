package mfr.train.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mfr.core.error.MfrException;
import mfr.train.engine.HostTensors;
import mfr.train.engine.Torch;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class BackbonesTest {
    @Test
    void parameterCountsMatchInsightfaceDefinitions() {
        Torch.init(2);
        // insightface: iresnet18 has 24.0 M trainable parameters with a 512-d head, iresnet50 43.6 M; mbf 2.06 M.
        long[][] expected = {{18, 24_000_000, 24_100_000}, {50, 43_500_000, 43_700_000}};
        for (long[] e : expected) {
            try (Network n = Backbones.create("r" + e[0], 512, 1)) {
                assertThat(n.params().trainableCount()).as("r" + e[0]).isBetween(e[1], e[2]);
            }
        }
        try (Network n = Backbones.create("mbf", 512, 1); PointerScope s = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            assertThat(n.params().trainableCount()).isBetween(2_000_000L, 2_100_000L);
            long[] shape = n.forward(torch.randn(2, 3, 112, 112), false).shape();
            assertThat(shape).containsExactly(2, 512);
        }
        try (Network a = Backbones.create("r34", 512, 5); Network b = Backbones.create("r34", 512, 5)) {
            assertThat(HostTensors.toFloats(a.params().get("conv1.weight")))
                    .isEqualTo(HostTensors.toFloats(b.params().get("conv1.weight")));
        }
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Backbones.create("r99", 512, 1)).isInstanceOf(MfrException.class)
                .hasMessageContaining("r99").hasMessageContaining("mbf, mobilefacenet, mbf_large, r18, r34, r50, r100");
    }
}
