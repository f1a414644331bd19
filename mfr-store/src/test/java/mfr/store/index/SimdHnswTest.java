package mfr.store.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.junit.jupiter.api.Test;

/** The SIMD scorer plugged into Lucene's HNSW format gives Lucene's scores and Lucene's answers. */
class SimdHnswTest {
    final SyntheticGallery gallery = new SyntheticGallery(128, 300, 4, 0.82, 7);

    List<float[]> vectors(int n) {
        List<float[]> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vs.add(gallery.template(i));
        }
        return vs;
    }

    @Test
    void scoresEqualLuceneDefaultScorer() throws Exception {
        assertThat(SimdFlatVectorsScorer.INSTANCE.dotProduct()).as("surefire runs with jdk.incubator.vector")
                .startsWith("simd");
        RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(vectors(200), 128);
        var sim = VectorSimilarityFunction.DOT_PRODUCT;
        RandomVectorScorerSupplier ours = SimdFlatVectorsScorer.INSTANCE.getRandomVectorScorerSupplier(sim, values);
        RandomVectorScorerSupplier lucene = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(sim, values);
        assertThat(ours).isInstanceOf(SimdFlatVectorsScorer.Supplier.class);
        for (int q = 0; q < 200; q += 17) {
            RandomVectorScorer a = ours.copy().scorer(q);
            RandomVectorScorer b = lucene.scorer(q);
            assertThat(a.maxOrd()).isEqualTo(200);
            for (int node = 0; node < 200; node++) {
                assertThat(a.score(node)).as("ord %d vs %d", q, node).isCloseTo(b.score(node), within(1e-6f));
            }
        }
        float[] probe = gallery.probe(3);
        RandomVectorScorer a = SimdFlatVectorsScorer.INSTANCE.getRandomVectorScorer(sim, values, probe);
        RandomVectorScorer b = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(sim, values, probe);
        for (int node = 0; node < 200; node++) {
            assertThat(a.score(node)).isCloseTo(b.score(node), within(1e-6f));
        }
        // other similarities are Lucene's own scorer
        RandomVectorScorer e = SimdFlatVectorsScorer.INSTANCE.getRandomVectorScorer(
                VectorSimilarityFunction.EUCLIDEAN, values, probe);
        assertThat(e).isNotInstanceOf(SimdFlatVectorsScorer.Scorer.class);
    }

    @Test
    void formatIsFoundByNameToReadSegmentsBack() {
        assertThat(KnnVectorsFormat.forName(SimdHnswVectorsFormat.NAME)).isInstanceOf(SimdHnswVectorsFormat.class);
    }

    @Test
    void simdIndexAnswersAsLuceneIndexAndMergesIntoOneGraph() {
        int n = gallery.size();
        long[] ids = new long[n];
        float[][] vs = new float[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            vs[i] = gallery.template(i);
        }
        HnswSettings simd = new HnswSettings(16, 100, 100, 2, 256, true, true);
        HnswSettings lucene = new HnswSettings(16, 100, 100, 1, 256, false, false);
        try (FlatIndex flat = new FlatIndex(128); HnswIndex a = new HnswIndex(128, simd);
             HnswIndex b = new HnswIndex(128, lucene)) {
            for (int i = 0; i < n; i++) {
                flat.add(i, vs[i]);
            }
            a.addAll(ids, vs);
            b.addAll(ids, vs);
            assertThat(a.segments()).as("two indexing threads, then merged").isEqualTo(1);
            for (int j = 0; j < 50; j++) {
                float[] p = gallery.probe(j);
                List<Long> exact = flat.search(p, 5).stream().map(Hit::id).toList();
                List<Hit> ha = a.search(p, 100);
                List<Hit> hb = b.search(p, 100);
                assertThat(ha.subList(0, 5)).extracting(Hit::id).as("probe %d, SIMD scorer", j)
                        .containsExactlyElementsOf(exact);
                assertThat(hb.subList(0, 5)).extracting(Hit::id).as("probe %d, Lucene's scorer", j)
                        .containsExactlyElementsOf(exact);
                for (int r = 0; r < 5; r++) {
                    assertThat(ha.get(r).score()).isCloseTo(hb.get(r).score(), within(1e-5f));
                }
            }
        }
    }
}
