package mfr.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import mfr.core.metric.Verification;
import mfr.eval.score.ScoreHistogram;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void tarAtFarTakesTheLowestThresholdWithinTheImpostorBudget() {
        double[] imp = new double[1000];
        for (int i = 0; i < imp.length; i++) {
            imp[i] = i / 1000.0;
        }
        double[] gen = {0.5, 0.95, 0.991, 0.995, 1.0};
        ScoreCounts c = ScoreCounts.exact(gen, imp);
        TarAtFar t = TarAtFar.of(c, 1e-2);
        assertThat(t.measurable()).isTrue();
        assertThat(t.threshold()).isEqualTo(0.990);
        assertThat(t.far()).isEqualTo(0.010);
        assertThat(t.tar()).isEqualTo(3 / 5.0);
        TarAtFar t3 = TarAtFar.of(c, 1e-3);
        assertThat(t3.threshold()).isEqualTo(0.999);
        assertThat(t3.far()).isEqualTo(0.001);
        assertThat(t3.tar()).isEqualTo(1 / 5.0);
    }

    @Test
    void saysPlainlyWhenAFarCannotBeMeasured() {
        ScoreCounts c = ScoreCounts.exact(new double[] {0.9}, new double[999]);
        TarAtFar t = TarAtFar.of(c, 1e-3);
        assertThat(t.measurable()).isFalse();
        assertThat(t.note()).contains("needs at least 1000 impostor pairs, there are 999");
        assertThat(Double.isNaN(t.tar())).isTrue();
    }

    @Test
    void histogramCountsAgreeWithExactOnesAtBinEdges() {
        Random r = new Random(3);
        double[] gen = new double[2000];
        double[] imp = new double[20000];
        ScoreHistogram gh = new ScoreHistogram(1 << 12);
        ScoreHistogram ih = new ScoreHistogram(1 << 12);
        for (int i = 0; i < gen.length; i++) {
            gen[i] = snap(0.6 + 0.1 * r.nextGaussian(), gh);
            gh.add(gen[i]);
        }
        for (int i = 0; i < imp.length; i++) {
            imp[i] = snap(0.05 * r.nextGaussian(), ih);
            ih.add(imp[i]);
        }
        VerificationMetrics exact = VerificationMetrics.of(ScoreCounts.exact(gen, imp));
        VerificationMetrics hist = VerificationMetrics.of(ScoreCounts.of(gh, ih));
        assertThat(exact.exact()).isTrue();
        assertThat(hist.exact()).isFalse();
        for (double f : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
            TarAtFar a = exact.at(f);
            TarAtFar b = hist.at(f);
            assertThat(b.measurable()).isEqualTo(a.measurable());
            assertThat(b.tar()).as("TAR at %s", f).isEqualTo(a.tar());
            assertThat(b.far()).isEqualTo(a.far());
            // Same counts; the histogram may stop at an empty bin's edge just below the exact score.
            assertThat(b.threshold()).isLessThanOrEqualTo(a.threshold() + 1e-12);
        }
        assertThat(hist.at(1e-5).measurable()).isFalse();
        assertThat(hist.bestAccuracy()).isEqualTo(exact.bestAccuracy());
        assertThat(hist.eer()).isCloseTo(exact.eer(), within(1e-12));
    }

    /** Puts a score on the lower edge of its bin, where histogram thresholds are exact. */
    private static double snap(double s, ScoreHistogram h) {
        return h.lower(h.binOf(s));
    }

    @Test
    void bestAccuracyAgreesWithTheCoreVerificationSweep() {
        Random r = new Random(9);
        double[] scores = new double[600];
        boolean[] same = new boolean[600];
        int g = 0;
        for (int i = 0; i < scores.length; i++) {
            same[i] = i % 2 == 0;
            scores[i] = (same[i] ? 0.5 : 0.1) + 0.15 * r.nextGaussian();
            g += same[i] ? 1 : 0;
        }
        double[] gen = new double[g];
        double[] imp = new double[scores.length - g];
        int a = 0;
        int b = 0;
        for (int i = 0; i < scores.length; i++) {
            if (same[i]) {
                gen[a++] = scores[i];
            } else {
                imp[b++] = scores[i];
            }
        }
        VerificationMetrics m = VerificationMetrics.of(ScoreCounts.exact(gen, imp));
        double coreBest = Verification.accuracy(scores, same, Verification.bestThreshold(scores, same));
        assertThat(m.bestAccuracy()).isCloseTo(coreBest, within(1e-12));
        assertThat(Verification.accuracy(scores, same, m.bestThreshold())).isCloseTo(coreBest, within(1e-12));
        // Two Gaussians 0.4 apart with sd 0.15 cross at 0.3: EER = P(N > 0.2/0.15) ~ 9 %.
        assertThat(m.eer()).isBetween(0.05, 0.14);
        assertThat(m.eerThreshold()).isBetween(0.2, 0.4);
        assertThat(m.roc()).isNotEmpty();
        assertThat(m.roc().get(0).far()).isEqualTo(1.0);
    }
}
