package mfr.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VerificationTest {
    @Test
    void separableScoresGiveFullAccuracyAtAThresholdBetweenThem() {
        double[] s = {0.9, 0.8, 0.7, 0.2, 0.1, 0.0};
        boolean[] y = {true, true, true, false, false, false};
        double t = Verification.bestThreshold(s, y);
        assertThat(t).isBetween(0.2, 0.7);
        assertThat(Verification.accuracy(s, y, t)).isEqualTo(1.0);
    }

    @Test
    void overlappingScoresCountTheErrors() {
        double[] s = {0.9, 0.3, 0.6, 0.1};
        boolean[] y = {true, true, false, false};
        assertThat(Verification.accuracy(s, y, 0.5)).isEqualTo(0.5);
        assertThat(Verification.accuracy(s, y, Verification.bestThreshold(s, y))).isEqualTo(0.75);
    }

    @Test
    void kFoldJudgesEachFoldWithTheOthersThreshold() {
        // Fold 0 alone puts the threshold at 0.5, where fold 1 gets one pair of two right; fold 1 alone puts it
        // at 0.45, where fold 0 gets both right: mean 0.75.
        double[] s = {0.9, 0.1, 0.46, 0.44};
        boolean[] y = {true, false, true, false};
        int[] fold = {0, 0, 1, 1};
        double[] r = Verification.kFold(s, y, fold, 2);
        assertThat(r[0]).isCloseTo(0.75, within(1e-9));
    }
}
