package mfr.store.index;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * Lucene 9.12's HNSW format (the same files as {@link Lucene99HnswVectorsFormat}: its writer and reader) over flat
 * vectors scored by {@link SimdFlatVectorsScorer}, for building graphs and searching them. Lucene's own format takes
 * its scorer from a static field that cannot be replaced, hence this format. Segments name it ({@value #NAME});
 * Lucene finds it again to read them through {@code META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat},
 * with the no-argument constructor (the parameters only matter when writing).
 */
public final class SimdHnswVectorsFormat extends KnnVectorsFormat {
    public static final String NAME = "MfrSimdHnsw";
    private static final FlatVectorsFormat FLAT = new Lucene99FlatVectorsFormat(SimdFlatVectorsScorer.INSTANCE);

    private final int maxConn;
    private final int beamWidth;
    private final int mergeWorkers;
    private final TaskExecutor mergeExec;

    /** For reading segments back (SPI). */
    public SimdHnswVectorsFormat() {
        this(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, 1, null);
    }

    /**
     * @param mergeWorkers threads that insert into one graph concurrently when segments are merged; above 1 needs
     *                     {@code mergeExec}
     */
    public SimdHnswVectorsFormat(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeExec) {
        super(NAME);
        if (maxConn <= 0 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException("maxConn must be in 1.." + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN
                    + ", got " + maxConn);
        }
        if (beamWidth <= 0 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("beamWidth must be in 1.."
                    + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", got " + beamWidth);
        }
        if (mergeWorkers > 1 && mergeExec == null) {
            throw new IllegalArgumentException("more than one merge worker needs an executor");
        }
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
        this.mergeWorkers = mergeWorkers > 1 ? mergeWorkers : 1;
        this.mergeExec = mergeWorkers > 1 ? new TaskExecutor(mergeExec) : null;
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return new Lucene99HnswVectorsWriter(state, maxConn, beamWidth, FLAT.fieldsWriter(state), mergeWorkers,
                mergeExec);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new Lucene99HnswVectorsReader(state, FLAT.fieldsReader(state));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return 1024;
    }

    @Override
    public String toString() {
        return NAME + "(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", mergeWorkers=" + mergeWorkers
                + ", scorer=" + SimdFlatVectorsScorer.INSTANCE + ")";
    }
}
