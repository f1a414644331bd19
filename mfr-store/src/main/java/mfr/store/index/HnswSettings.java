package mfr.store.index;

/**
 * Lucene HNSW parameters.
 *
 * @param maxConn   graph degree (Lucene's M)
 * @param beamWidth candidates kept while building (efConstruction)
 * @param efSearch  candidates kept while searching; at least k
 * @param threads   indexing threads (each builds its own segment)
 * @param ramMb     indexing buffer; large, so that few segments are written
 */
public record HnswSettings(int maxConn, int beamWidth, int efSearch, int threads, int ramMb) {
    public static final HnswSettings DEFAULT = new HnswSettings(16, 100, 64, 2, 1024);

    public HnswSettings withEf(int ef) {
        return new HnswSettings(maxConn, beamWidth, ef, threads, ramMb);
    }
}
