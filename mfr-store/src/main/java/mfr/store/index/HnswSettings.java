package mfr.store.index;

/**
 * Lucene HNSW parameters.
 *
 * @param maxConn     graph degree (Lucene's M)
 * @param beamWidth   candidates kept while building (efConstruction)
 * @param efSearch    candidates kept while searching; at least k
 * @param threads     indexing threads (each builds its own segment, with its own graph)
 * @param ramMb       indexing buffer; large, so that few segments are written
 * @param simdScorer  score with {@link SimdFlatVectorsScorer} (mfr's SIMD dot product, {@link SimdHnswVectorsFormat})
 *                    rather than Lucene 9.12's scalar scorer on Java 17
 * @param singleGraph after a bulk build, merge the segments into one graph ({@code threads} merge workers insert
 *                    concurrently): slower to build, one graph to search instead of one per segment
 */
public record HnswSettings(int maxConn, int beamWidth, int efSearch, int threads, int ramMb, boolean simdScorer,
                           boolean singleGraph) {
    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 64, 2, 1024, true, false);

    public HnswSettings withEf(int ef) {
        return new HnswSettings(maxConn, beamWidth, ef, threads, ramMb, simdScorer, singleGraph);
    }

    /** "simd" or "lucene". */
    public String scorerName() {
        return simdScorer ? "simd" : "lucene";
    }
}
