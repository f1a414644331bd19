package mfr.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdentityCleanerTest {
    private static final int DIM = 64;
    private final Random rnd = new Random(7);

    private float[] randomUnit() {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return UnitVectors.normalize(v);
    }

    private float[] near(float[] c, double noise) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = c[i] + (float) (noise / Math.sqrt(DIM) * rnd.nextGaussian());
        }
        return UnitVectors.normalize(v);
    }

    @Test
    void flagsSamplesOfOtherPeople() {
        float[] person = randomUnit();
        float[][] v = {near(person, 1), near(person, 1), near(person, 1), randomUnit(), near(person, 1), randomUnit()};
        SampleStatus[] s = IdentityCleaner.clean(v, CleanConfig.defaults());
        assertThat(s).containsExactly(SampleStatus.KEPT, SampleStatus.KEPT, SampleStatus.KEPT, SampleStatus.OUTLIER,
                SampleStatus.KEPT, SampleStatus.OUTLIER);
    }

    @Test
    void splitsAnIdentityHoldingTwoPeopleOrKeepsTheDominantOne() {
        float[] a = randomUnit();
        float[] b = randomUnit();
        float[][] v = new float[9][];
        for (int i = 0; i < 9; i++) {
            v[i] = i < 5 ? near(a, 0.8) : near(b, 0.8);
        }
        SampleStatus[] split = IdentityCleaner.clean(v, CleanConfig.defaults());
        assertThat(Arrays.copyOfRange(split, 0, 5)).containsOnly(SampleStatus.KEPT);
        assertThat(Arrays.copyOfRange(split, 5, 9)).containsOnly(SampleStatus.SPLIT_OFF);

        CleanConfig dominant = new CleanConfig(0.25, 3, 0.2, CleanConfig.SplitMode.DOMINANT, Double.NaN, Double.NaN,
                CleanConfig.MergeMode.MERGE, 0.8, true, false, 0.98, 5, 4, 42);
        assertThat(Arrays.copyOfRange(IdentityCleaner.clean(v, dominant), 5, 9)).containsOnly(SampleStatus.MINOR_CLUSTER);
    }

    @Test
    void scatteredImpostorsAreNotASecondCluster() {
        float[] a = randomUnit();
        float[][] v = {near(a, 1), near(a, 1), near(a, 1), near(a, 1), randomUnit(), randomUnit(), randomUnit()};
        SampleStatus[] s = IdentityCleaner.clean(v, CleanConfig.defaults());
        assertThat(s).doesNotContain(SampleStatus.SPLIT_OFF);
        assertThat(Arrays.copyOfRange(s, 4, 7)).containsOnly(SampleStatus.OUTLIER);
    }

    @Test
    void removesNearDuplicatesOnlyWhenAsked() {
        float[] a = randomUnit();
        float[] x = near(a, 1);
        float[][] v = {x, near(a, 1), x.clone(), near(a, 1)};
        assertThat(IdentityCleaner.clean(v, CleanConfig.defaults())).containsOnly(SampleStatus.KEPT);
        assertThat(IdentityCleaner.clean(v, CleanConfig.defaults().withDedup(true)))
                .containsExactly(SampleStatus.KEPT, SampleStatus.KEPT, SampleStatus.DUPLICATE, SampleStatus.KEPT);
    }

    @Test
    void aSingleSampleCannotBeJudged() {
        assertThat(IdentityCleaner.clean(new float[][] {randomUnit()}, CleanConfig.defaults()))
                .containsExactly(SampleStatus.KEPT);
    }
}
