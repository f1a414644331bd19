package mfr.server.recognition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mfr.store.index.GalleryIndex;
import mfr.store.index.HnswSettings;
import mfr.store.template.TemplateStore;

/**
 * The in-memory search index of each collection for the service's model, loaded from the store on first use and
 * kept in step with every enrollment and deletion. The store stays the truth: an index can always be rebuilt.
 */
public final class Galleries implements AutoCloseable {
    private final TemplateStore store;
    private final String modelId;
    private final int dim;
    private final int hnswThreshold;
    private final HnswSettings hnsw;
    private final Map<String, GalleryIndex> byCollection = new ConcurrentHashMap<>();

    public Galleries(TemplateStore store, String modelId, int dim, int hnswThreshold, HnswSettings hnsw) {
        this.store = store;
        this.modelId = modelId;
        this.dim = dim;
        this.hnswThreshold = hnswThreshold;
        this.hnsw = hnsw;
    }

    public GalleryIndex of(String collection) {
        return byCollection.computeIfAbsent(collection, c -> {
            var vectors = store.vectors(c, modelId);
            int d = vectors.isEmpty() ? dim : vectors.get(0).vector().length;
            return GalleryIndex.of(modelId, d, vectors, hnswThreshold, hnsw);
        });
    }

    /** Adds a template just committed to the store (to a loaded index only: an unloaded one reads it later). */
    public void added(String collection, long templateId, String subject, float[] vector) {
        GalleryIndex g = byCollection.get(collection);
        if (g != null) {
            g.add(templateId, subject, vector);
        }
    }

    public void removedTemplate(String collection, long templateId) {
        GalleryIndex g = byCollection.get(collection);
        if (g != null) {
            g.remove(templateId);
        }
    }

    public void removedSubject(String collection, String subject) {
        GalleryIndex g = byCollection.get(collection);
        if (g != null) {
            g.removeSubject(subject);
        }
    }

    public void removedCollection(String collection) {
        GalleryIndex g = byCollection.remove(collection);
        if (g != null) {
            g.close();
        }
    }

    /** Loaded indexes by collection, for metrics. */
    public Map<String, GalleryIndex> loaded() {
        return Map.copyOf(byCollection);
    }

    @Override
    public void close() {
        byCollection.values().forEach(GalleryIndex::close);
        byCollection.clear();
    }
}
