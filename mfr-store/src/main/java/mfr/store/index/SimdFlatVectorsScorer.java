package mfr.store.index;

import java.io.IOException;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * Lucene's flat-vector scorer with mfr's dot product: SIMD ({@link DotProduct#best()}, the JDK vector API) for
 * float vectors compared with {@link VectorSimilarityFunction#DOT_PRODUCT}, where Lucene 9.12 on Java 17 would use
 * its scalar loop (its own SIMD code needs Java 20+). The score is Lucene's: {@code max((1 + dot) / 2, 0)}. Every
 * other similarity and byte vectors go to Lucene's {@link DefaultFlatVectorScorer}.
 */
public final class SimdFlatVectorsScorer implements FlatVectorsScorer {
    public static final SimdFlatVectorsScorer INSTANCE = new SimdFlatVectorsScorer(DotProduct.best());

    private final DotProduct dot;

    SimdFlatVectorsScorer(DotProduct dot) {
        this.dot = dot;
    }

    /** Which dot product scores ("simd-512bit", "scalar"). */
    public String dotProduct() {
        return dot.name();
    }

    @Override
    public RandomVectorScorerSupplier getRandomVectorScorerSupplier(VectorSimilarityFunction sim,
                                                                    RandomAccessVectorValues values) throws IOException {
        if (sim == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats floats) {
            return new Supplier(floats, dot);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(sim, values);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction sim, RandomAccessVectorValues values,
                                                    float[] target) throws IOException {
        if (sim == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats floats) {
            if (target.length != values.dimension()) {
                throw new IllegalArgumentException("vector query dimension: " + target.length
                        + " differs from field dimension: " + values.dimension());
            }
            return new Scorer(floats, target, dot);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(sim, values, target);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(VectorSimilarityFunction sim, RandomAccessVectorValues values,
                                                    byte[] target) throws IOException {
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(sim, values, target);
    }

    @Override
    public String toString() {
        return "SimdFlatVectorsScorer(" + dot.name() + ")";
    }

    /** Scores a query against the vectors by ordinal. */
    static final class Scorer extends RandomVectorScorer.AbstractRandomVectorScorer {
        private final RandomAccessVectorValues.Floats values;
        private final float[] query;
        private final DotProduct dot;
        private final int dim;

        Scorer(RandomAccessVectorValues.Floats values, float[] query, DotProduct dot) {
            super(values);
            this.values = values;
            this.query = query;
            this.dot = dot;
            this.dim = query.length;
        }

        @Override
        public float score(int node) throws IOException {
            return Math.max((1 + dot.dot(query, values.vectorValue(node), 0, dim)) / 2, 0);
        }
    }

    /**
     * Scores one vector of the set against the others (graph building). As Lucene's own supplier: the query is read
     * through one copy of the values and the candidates through another, since off-heap values reuse their buffer.
     */
    static final class Supplier implements RandomVectorScorerSupplier {
        private final RandomAccessVectorValues.Floats vectors;
        private final RandomAccessVectorValues.Floats queries;
        private final RandomAccessVectorValues.Floats targets;
        private final DotProduct dot;

        Supplier(RandomAccessVectorValues.Floats vectors, DotProduct dot) throws IOException {
            this.vectors = vectors;
            this.queries = vectors.copy();
            this.targets = vectors.copy();
            this.dot = dot;
        }

        @Override
        public RandomVectorScorer scorer(int ord) throws IOException {
            return new Scorer(targets, queries.vectorValue(ord), dot);
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new Supplier(vectors.copy(), dot);
        }
    }
}
