package mfr.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {
    @Test
    void wilsonIntervalMatchesTheFormulaAndStaysInsideZeroOne() {
        // Reference: 8 of 10 gives [0.4902, 0.9433] (Wilson 1927; the interval most statistics packages print).
        Proportion p = Proportion.of(8, 10);
        assertThat(p.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(p.high()).isCloseTo(0.9433, within(1e-4));
        assertThat(p.value()).isEqualTo(0.8);
        Proportion all = Proportion.of(20, 20);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(0.8389, within(1e-4));
        assertThat(Proportion.of(0, 0).value()).isNaN();
        assertThatThrownBy(() -> Proportion.of(3, 2)).hasMessageContaining("k <= n");
    }
}
