package mfr.eval.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AllPairsScorerTest {
    static float[] randomUnit(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                float x = (float) r.nextGaussian();
                v[i * d + k] = x;
                s += x * x;
            }
            for (int k = 0; k < d; k++) {
                v[i * d + k] /= (float) Math.sqrt(s);
            }
        }
        return v;
    }

    /** The definition: every pair i < j, dot product accumulated in index order with FMA, binned as documented. */
    static ScoreHistogram[] reference(float[] v, int n, int d, int[] labels, int bins) {
        ScoreHistogram g = new ScoreHistogram(bins);
        ScoreHistogram im = new ScoreHistogram(bins);
        int[] gc = new int[bins];
        int[] ic = new int[bins];
        float scale = bins / 2f;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float dot = 0;
                for (int k = 0; k < d; k++) {
                    dot = Math.fma(v[i * d + k], v[j * d + k], dot);
                }
                int b = Math.max(0, Math.min(bins - 1, (int) Math.fma(dot, scale, scale)));
                if (labels[i] == labels[j]) {
                    gc[b]++;
                } else {
                    ic[b]++;
                }
            }
        }
        g.addCounts(gc, 0);
        im.addCounts(ic, 0);
        return new ScoreHistogram[] {g, im};
    }

    @ParameterizedTest
    @CsvSource({"333,512,7", "130,100,3", "64,32,64", "1,512,1", "0,512,1", "1100,48,5"})
    void everyKernelBinsEveryPairExactlyLikeTheDefinition(int n, int d, int perIdentity) {
        float[] v = randomUnit(n, d, n * 31L + d);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / perIdentity;
        }
        int bins = 4096;
        ScoreHistogram[] ref = reference(v, n, d, labels, bins);
        AllPairsScorer.Settings s = new AllPairsScorer.Settings(bins, 2, true);
        AllPairsScorer.Result simd = AllPairsScorer.score(v, n, d, labels, s, x -> { });
        AllPairsScorer.Result scalar = AllPairsScorer.score(v, n, d, labels, s.withSimd(false), x -> { });
        assertThat(simd.kernel()).startsWith("vector-");
        assertThat(scalar.kernel()).isEqualTo("scalar");
        long pairs = (long) n * (n - 1) / 2;
        long genuine = 0;
        for (int i = 0; i < n; i += perIdentity) {
            long c = Math.min(perIdentity, n - i);
            genuine += c * (c - 1) / 2;
        }
        for (AllPairsScorer.Result r : new AllPairsScorer.Result[] {simd, scalar}) {
            assertThat(r.pairs()).isEqualTo(pairs);
            assertThat(r.genuine().total()).isEqualTo(genuine);
            assertThat(r.genuine()).isEqualTo(ref[0]);
            assertThat(r.impostor()).isEqualTo(ref[1]);
        }
    }

    @Test
    void randomUnitVectorsScoreAroundZeroWithSpreadOneOverRootD() {
        int n = 700;
        int d = 256;
        AllPairsScorer.Result r = AllPairsScorer.score(randomUnit(n, d, 5), n, d, null,
                AllPairsScorer.Settings.defaults(), x -> { });
        assertThat(r.genuine().total()).isZero();
        assertThat(r.impostor().mean()).isBetween(-0.005, 0.005);
        double var = 0;
        for (int b = 0; b < r.impostor().bins(); b++) {
            double c = r.impostor().lower(b) + r.impostor().width() / 2;
            var += r.impostor().count(b) * c * c;
        }
        assertThat(Math.sqrt(var / r.impostor().total())).isBetween(0.9 / Math.sqrt(d), 1.1 / Math.sqrt(d));
    }

    @Test
    void progressReachesThePairCount() {
        int n = 2100;
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        AllPairsScorer.score(randomUnit(n, 16, 1), n, 16, null, AllPairsScorer.Settings.defaults(),
                x -> last.accumulateAndGet(x, Math::max));
        assertThat(last.get()).isEqualTo(AllPairsScorer.pairCount(n));
    }
}
