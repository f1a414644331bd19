package mfr.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mfr.data.noise.NoiseScore;
import mfr.data.noise.NoisyLabels;
import mfr.data.noise.SyntheticEmbeddings;
import mfr.data.spark.SparkEngine;
import org.junit.jupiter.api.Test;

class CleanerTest {
    private final List<String> log = new ArrayList<>();

    @Test
    void undoesInjectedNoiseOnSyntheticIdentities() {
        EmbeddingSet clean = SyntheticEmbeddings.generate(400, 8, 128, 1.0, 3);
        NoisyLabels noise = NoisyLabels.inject(clean, 0.10, 0.05, 11);
        CleanResult r;
        try (LocalEngine engine = new LocalEngine(2)) {
            r = new Cleaner(engine, CleanConfig.defaults(), log::add).clean(noise.noisy());
        }
        NoiseScore s = NoiseScore.of(noise, r);
        assertThat(s.moved()).isEqualTo(320);
        assertThat(s.movedPrecision()).isGreaterThan(0.95);
        assertThat(s.movedRecall()).isGreaterThan(0.95);
        assertThat(s.splitIdentities()).isEqualTo(20);
        assertThat(s.remergeRate()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.mergePrecision()).isEqualTo(1.0);
        assertThat(r.rounds().get(r.rounds().size() - 1).changed()).isFalse();
        assertThat(log).anyMatch(l -> l.startsWith("merge threshold"));
    }

    @Test
    void dropModeRemovesTheSmallerIdentity() {
        EmbeddingSet clean = SyntheticEmbeddings.generate(50, 6, 64, 1.0, 5);
        NoisyLabels noise = NoisyLabels.inject(clean, 0, 0.1, 2);
        CleanConfig drop = new CleanConfig(0.25, 3, 0.2, CleanConfig.SplitMode.SPLIT, Double.NaN, Double.NaN,
                CleanConfig.MergeMode.DROP, 0.8, true, false, 0.98, 5, 4, 42);
        try (LocalEngine engine = new LocalEngine(2)) {
            CleanResult r = new Cleaner(engine, drop, log::add).clean(noise.noisy());
            assertThat(r.count(SampleStatus.DROPPED_IDENTITY)).isGreaterThan(0);
            assertThat(r.merges()).hasSize(noise.splitOf().size());
        }
    }

    /**
     * Samples shown to be another identity's photos join it: both photos of a label that holds two people (they
     * disagree, so the label keeps neither), and the one photo of a two-photo label that matches a big identity better
     * than its weakly agreeing partner. With relabelling off the first two stay outliers and nothing is relabelled.
     */
    @Test
    void relabelsPhotosThatBelongToAnotherIdentity() {
        int dim = 128;
        Random rnd = new Random(7);
        List<float[]> centre = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        List<Integer> label = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int id = 0; id < 100; id++) {
            names.add("id" + id);
            centre.add(UnitVectors.normalize(gaussian(dim, 1, rnd)));
            for (int k = 0; k < 5; k++) {
                v.add(sample(centre.get(id), rnd));
                label.add(id);
            }
        }
        // "twoPeople": a photo of id3 and one of id4.
        names.add("twoPeople");
        v.add(sample(centre.get(3), rnd));
        v.add(sample(centre.get(4), rnd));
        label.add(100);
        label.add(100);
        // "weakPair": a photo of id5 and a photo of a new person that resembles it a little (cosine about 0.4).
        names.add("weakPair");
        float[] a = sample(centre.get(5), rnd);
        float[] b = sample(UnitVectors.normalize(gaussian(dim, 1, rnd)), rnd);
        for (int d = 0; d < dim; d++) {
            b[d] += 0.45f * a[d];
        }
        v.add(a);
        v.add(UnitVectors.normalize(b));
        label.add(101);
        label.add(101);
        int n = v.size();
        EmbeddingSet set = new EmbeddingSet(java.util.stream.IntStream.range(0, n).mapToObj(i -> "s" + i).toList(),
                label.stream().mapToInt(Integer::intValue).toArray(), names, v.toArray(new float[0][]));
        assertThat(UnitVectors.dot(v.get(n - 2), v.get(n - 1))).isBetween(0.25f, 0.6f);

        CleanResult r;
        try (LocalEngine engine = new LocalEngine(2)) {
            r = new Cleaner(engine, CleanConfig.defaults(), log::add).clean(set);
        }
        assertThat(r.status()[n - 4]).isEqualTo(SampleStatus.RELABELLED);
        assertThat(r.finalLabel()[n - 4]).isEqualTo("id3");
        assertThat(r.status()[n - 3]).isEqualTo(SampleStatus.RELABELLED);
        assertThat(r.finalLabel()[n - 3]).isEqualTo("id4");
        assertThat(r.status()[n - 2]).isEqualTo(SampleStatus.RELABELLED);
        assertThat(r.finalLabel()[n - 2]).isEqualTo("id5");
        assertThat(r.status()[n - 1]).isEqualTo(SampleStatus.KEPT);
        assertThat(r.finalLabel()[n - 1]).isEqualTo("weakPair");
        assertThat(r.relabelled()).containsOnlyKeys(n - 4, n - 3, n - 2);
        assertThat(r.merges()).isEmpty();
        assertThat(r.count(SampleStatus.RELABELLED)).isEqualTo(3);
        assertThat(r.rounds().get(0).relabelled()).isEqualTo(3);

        CleanConfig d = CleanConfig.defaults();
        CleanConfig off = new CleanConfig(d.outlierThreshold(), d.minClusterSize(), d.splitThreshold(), d.splitMode(),
                d.mergeThreshold(), d.mergeRate(), d.mergeMode(), d.crossRatio(), false, d.dedup(),
                d.duplicateThreshold(), d.maxRounds(), d.nprobe(), d.seed());
        try (LocalEngine engine = new LocalEngine(2)) {
            r = new Cleaner(engine, off, log::add).clean(set);
        }
        assertThat(r.status()[n - 4]).isEqualTo(SampleStatus.OUTLIER);
        assertThat(r.status()[n - 3]).isEqualTo(SampleStatus.OUTLIER);
        assertThat(Arrays.asList(r.status())).doesNotContain(SampleStatus.RELABELLED);
        assertThat(r.relabelled()).isEmpty();
    }

    private static float[] gaussian(int dim, double sigma, Random rnd) {
        float[] g = new float[dim];
        for (int d = 0; d < dim; d++) {
            g[d] = (float) (sigma * rnd.nextGaussian());
        }
        return g;
    }

    /** A sample of an identity: its centre plus noise, so two samples have cosine about 0.5. */
    private static float[] sample(float[] centre, Random rnd) {
        float[] s = gaussian(centre.length, 1 / Math.sqrt(centre.length), rnd);
        for (int d = 0; d < s.length; d++) {
            s[d] += centre[d];
        }
        return UnitVectors.normalize(s);
    }

    /** The Spark engine gives exactly the single-machine result on the same input. */
    @Test
    void sparkEngineEqualsLocalEngine() {
        EmbeddingSet clean = SyntheticEmbeddings.generate(300, 6, 64, 1.0, 9);
        NoisyLabels noise = NoisyLabels.inject(clean, 0.10, 0.05, 4);
        CleanResult local;
        CleanResult spark;
        try (LocalEngine engine = new LocalEngine(2)) {
            local = new Cleaner(engine, CleanConfig.defaults(), log::add).clean(noise.noisy());
        }
        try (SparkEngine engine = new SparkEngine("local[2]")) {
            spark = new Cleaner(engine, CleanConfig.defaults(), log::add).clean(noise.noisy());
        }
        assertThat(spark.status()).containsExactly(local.status());
        assertThat(spark.finalLabel()).containsExactly(local.finalLabel());
        assertThat(spark.merges()).isEqualTo(local.merges());
        assertThat(spark.relabelled()).isEqualTo(local.relabelled());
        assertThat(local.count(SampleStatus.RELABELLED)).isGreaterThan(0);
        assertThat(spark.mergeThresholds()).containsExactly(local.mergeThresholds());
        assertThat(local.count(SampleStatus.OUTLIER)).isGreaterThan(100);
    }
}
