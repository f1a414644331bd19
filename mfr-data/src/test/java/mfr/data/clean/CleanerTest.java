package mfr.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
                CleanConfig.MergeMode.DROP, 0.8, false, 0.98, 5, 4, 42);
        try (LocalEngine engine = new LocalEngine(2)) {
            CleanResult r = new Cleaner(engine, drop, log::add).clean(noise.noisy());
            assertThat(r.count(SampleStatus.DROPPED_IDENTITY)).isGreaterThan(0);
            assertThat(r.merges()).hasSize(noise.splitOf().size());
        }
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
        assertThat(spark.mergeThresholds()).containsExactly(local.mergeThresholds());
        assertThat(local.count(SampleStatus.OUTLIER)).isGreaterThan(100);
    }
}
