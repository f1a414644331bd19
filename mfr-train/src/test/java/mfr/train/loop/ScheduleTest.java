package mfr.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void polyWithWarmup() {
        LrSchedule s = new LrSchedule(0.1, 4, 14, 2);
        assertThat(s.at(1)).isCloseTo(0.025, within(1e-12));
        assertThat(s.at(4)).isCloseTo(0.1, within(1e-12));
        // step 5 is the first after warm-up: progress 0; step 10: progress 5/10, 0.1 * 0.5^2
        assertThat(s.at(5)).isCloseTo(0.1, within(1e-12));
        assertThat(s.at(10)).isCloseTo(0.025, within(1e-12));
        assertThat(s.at(14)).isCloseTo(0.1 * 0.01, within(1e-12));
    }

    @Test
    void lossScaleBacksOffOnOverflowAndGrowsAfterGoodSteps() {
        LossScaler s = new LossScaler(true, 1024, 2, 0.5, 3);
        assertThat(s.update(false)).isFalse();
        assertThat(s.scale()).isEqualTo(512);
        assertThat(s.update(true)).isTrue();
        s.update(true);
        assertThat(s.scale()).isEqualTo(512);
        s.update(true);
        assertThat(s.scale()).isEqualTo(1024);
        LossScaler off = new LossScaler(false, 1024, 2, 0.5, 1);
        assertThat(off.scale()).isEqualTo(1);
        assertThat(off.update(false)).isFalse();
        assertThat(off.scale()).isEqualTo(1);
    }
}
