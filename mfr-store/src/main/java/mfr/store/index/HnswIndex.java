package mfr.store.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Approximate search with Lucene's HNSW graphs, in memory. Deletions are applied at once (a deleted vector is never
 * returned); the searcher is refreshed before the first search after a write.
 */
public final class HnswIndex implements VectorIndex {
    private static final String VECTOR = "v";
    private static final String ID = "id";

    private final int dim;
    private final HnswSettings settings;
    private final Directory dir = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService mergePool;
    private volatile double lastMergeSeconds;

    public HnswIndex(int dim, HnswSettings settings) {
        this.dim = dim;
        this.settings = settings;
        int mergeWorkers = Math.max(1, settings.threads());
        mergePool = mergeWorkers > 1 ? Executors.newFixedThreadPool(mergeWorkers, r -> {
            Thread t = new Thread(r, "hnsw-merge");
            t.setDaemon(true);
            return t;
        }) : null;
        KnnVectorsFormat format = settings.simdScorer()
                ? new SimdHnswVectorsFormat(settings.maxConn(), settings.beamWidth(), mergeWorkers, mergePool)
                : new Lucene99HnswVectorsFormat(settings.maxConn(), settings.beamWidth(), mergeWorkers, mergePool);
        IndexWriterConfig cfg = new IndexWriterConfig()
                .setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                .setRAMBufferSizeMB(settings.ramMb())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try {
            writer = new IndexWriter(dir, cfg);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HnswSettings settings() {
        return settings;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        return ids.size();
    }

    @Override
    public void add(long id, float[] unit) {
        if (unit.length != dim) {
            throw new IllegalArgumentException("vector of dimension " + unit.length + ", index of " + dim);
        }
        if (!ids.add(id)) {
            throw new IllegalArgumentException("id " + id + " is already indexed");
        }
        try {
            writer.addDocument(doc(id, unit));
            dirty.set(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds many vectors with {@link HnswSettings#threads()} threads; {@code ids[i]} goes with {@code vectors[i]}.
     * With {@link HnswSettings#singleGraph()} the segments are then merged into one.
     */
    public void addAll(long[] ids, float[][] vectors) {
        addAll(ids, vectors, msg -> { });
    }

    /** As {@link #addAll(long[], float[][])}, reporting progress (every tenth of the vectors, the flush, the merge). */
    public void addAll(long[] ids, float[][] vectors, java.util.function.Consumer<String> progress) {
        int threads = Math.max(1, settings.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int step = Math.max(1, ids.length / 10);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) ids.length * t / threads);
                int to = (int) ((long) ids.length * (t + 1) / threads);
                fs.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        add(ids[i], vectors[i]);
                        int d = done.incrementAndGet();
                        if (d % step == 0) {
                            double s = (System.nanoTime() - t0) / 1e9;
                            progress.accept(String.format(java.util.Locale.ROOT, "%d / %d vectors added in %.1f s"
                                    + " (%.0f vectors/s)", d, ids.length, s, d / s));
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            writer.flush();
            progress.accept(String.format(java.util.Locale.ROOT, "added and flushed in %.1f s",
                    (System.nanoTime() - t0) / 1e9));
            if (settings.singleGraph()) {
                long m0 = System.nanoTime();
                writer.forceMerge(1);
                lastMergeSeconds = (System.nanoTime() - m0) / 1e9;
                progress.accept(String.format(java.util.Locale.ROOT, "merged into one graph in %.1f s",
                        lastMergeSeconds));
            }
            dirty.set(true);
        } catch (Exception e) {
            throw new IllegalStateException("HNSW build failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Seconds the last {@link #addAll} spent merging segments into one graph; 0 when it did not. */
    public double lastMergeSeconds() {
        return lastMergeSeconds;
    }

    @Override
    public boolean remove(long id) {
        if (!ids.remove(id)) {
            return false;
        }
        try {
            writer.deleteDocuments(LongPoint.newExactQuery(ID, id));
            dirty.set(true);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of Lucene segments, each with its own graph (a search visits every one). */
    public int segments() {
        refresh();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().leaves().size();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Hit> search(float[] probe, int k) {
        refresh();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TopDocs top = s.search(new KnnFloatVectorQuery(VECTOR, probe, Math.max(k, settings.efSearch())), k);
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                List<Hit> out = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                    NumericDocValues ids = DocValues.getNumeric(leaf.reader(), ID);
                    if (ids.advanceExact(sd.doc - leaf.docBase)) {
                        // Lucene's DOT_PRODUCT score is (1 + cosine) / 2
                        out.add(new Hit(ids.longValue(), 2 * sd.score - 1));
                    }
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refresh() {
        if (dirty.getAndSet(false)) {
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                dirty.set(true);
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Document doc(long id, float[] v) {
        Document d = new Document();
        d.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new LongPoint(ID, id));
        d.add(new NumericDocValuesField(ID, id));
        return d;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            dir.close();
            if (mergePool != null) {
                mergePool.shutdownNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
