package mfr.mask.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KolmogorovSmirnovTest {
    @Test
    void identicalSamplesGiveZeroAndDisjointOnesGiveOne() {
        double[] a = {0.1, 0.2, 0.3, 0.4};
        assertThat(KolmogorovSmirnov.statistic(a, a.clone())).isZero();
        assertThat(KolmogorovSmirnov.statistic(a, new double[] {1, 2, 3})).isEqualTo(1.0);
    }

    @Test
    void halfOverlapGivesTheLargestGapOfTheStepFunctions() {
        // F_a reaches 1/2 at 2 while F_b is still 0: D = 1/2.
        assertThat(KolmogorovSmirnov.statistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void samplesOfOneDistributionAreNotRejectedAndShiftedOnesAre() {
        Random r = new Random(1);
        double[] a = new double[400];
        double[] b = new double[400];
        double[] c = new double[400];
        for (int i = 0; i < 400; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            c[i] = r.nextGaussian() + 1.0;
        }
        assertThat(KolmogorovSmirnov.pValue(KolmogorovSmirnov.statistic(a, b), 400, 400)).isGreaterThan(0.01);
        assertThat(KolmogorovSmirnov.pValue(KolmogorovSmirnov.statistic(a, c), 400, 400)).isLessThan(1e-6);
    }

    @Test
    void tarAtFarCountsGenuineScoresAboveTheImpostorQuantile() {
        double[] impostor = new double[100];
        for (int i = 0; i < 100; i++) {
            impostor[i] = i / 100.0; // 0.00 .. 0.99
        }
        // FAR 1e-2 allows one impostor above the threshold: the threshold is 0.98.
        double[] genuine = {0.5, 0.985, 0.99, 1.0};
        assertThat(EnrollmentCheck.tar(genuine, impostor, 1e-2)).isEqualTo(0.75);
    }
}
