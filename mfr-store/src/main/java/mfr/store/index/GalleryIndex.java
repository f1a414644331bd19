package mfr.store.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mfr.store.template.StoredVector;

/**
 * The search index of one collection for one model: exact search over every vector ({@link FlatIndex}), and
 * above {@code hnswThreshold} vectors also a Lucene HNSW graph whose candidates are re-scored exactly. Answers
 * subjects, each with its best template.
 */
public final class GalleryIndex implements AutoCloseable {
    private final String modelId;
    private final int dim;
    private final int hnswThreshold;
    private final HnswSettings hnswSettings;
    private final FlatIndex flat;
    private final Map<Long, String> subjectOf = new ConcurrentHashMap<>();
    private volatile HnswIndex hnsw;

    public GalleryIndex(String modelId, int dim, int hnswThreshold, HnswSettings hnswSettings) {
        this.modelId = modelId;
        this.dim = dim;
        this.hnswThreshold = hnswThreshold;
        this.hnswSettings = hnswSettings;
        this.flat = new FlatIndex(dim);
    }

    public static GalleryIndex of(String modelId, int dim, List<StoredVector> vectors, int hnswThreshold,
                                  HnswSettings settings) {
        GalleryIndex g = new GalleryIndex(modelId, dim, hnswThreshold, settings);
        for (StoredVector v : vectors) {
            g.flat.add(v.templateId(), v.vector());
            g.subjectOf.put(v.templateId(), v.subject());
        }
        g.maybeBuildHnsw();
        return g;
    }

    public String modelId() {
        return modelId;
    }

    public int size() {
        return flat.size();
    }

    /** "flat" or "hnsw": which search answers. */
    public String kind() {
        return hnsw == null ? "flat" : "hnsw";
    }

    /** Adds a template; adding one already present does nothing (a load from the store may have raced it). */
    public synchronized void add(long templateId, String subject, float[] unit) {
        if (subjectOf.containsKey(templateId)) {
            return;
        }
        flat.add(templateId, unit);
        subjectOf.put(templateId, subject);
        if (hnsw != null) {
            hnsw.add(templateId, unit);
        } else {
            maybeBuildHnsw();
        }
    }

    public synchronized void remove(long templateId) {
        flat.remove(templateId);
        subjectOf.remove(templateId);
        if (hnsw != null) {
            hnsw.remove(templateId);
        }
    }

    public synchronized void removeSubject(String subject) {
        List<Long> ids = new ArrayList<>();
        subjectOf.forEach((id, s) -> {
            if (s.equals(subject)) {
                ids.add(id);
            }
        });
        ids.forEach(this::remove);
    }

    /** The best similarity of {@code probe} to the templates of {@code subject}, or null when it has none. */
    public Float bestOf(String subject, float[] probe) {
        Float best = null;
        for (Map.Entry<Long, String> e : subjectOf.entrySet()) {
            if (e.getValue().equals(subject)) {
                float[] v = flat.vector(e.getKey());
                if (v != null) {
                    float s = flat.dotProduct().dot(probe, v, 0, dim);
                    best = best == null ? s : Math.max(best, s);
                }
            }
        }
        return best;
    }

    /** The best {@code k} subjects, best first; each subject counted once, by its most similar template. */
    public List<SubjectHit> search(float[] probe, int k) {
        int templates = Math.max(k * 8, 32);
        List<Hit> hits;
        HnswIndex h = hnsw;
        if (h != null) {
            hits = new ArrayList<>();
            for (Hit c : h.search(probe, templates)) {
                float[] v = flat.vector(c.id());
                if (v != null) {
                    hits.add(new Hit(c.id(), flat.dotProduct().dot(probe, v, 0, dim)));
                }
            }
            hits.sort((a, b) -> Float.compare(b.score(), a.score()));
        } else {
            hits = flat.search(probe, templates);
        }
        Map<String, SubjectHit> best = new LinkedHashMap<>();
        for (Hit hit : hits) {
            String s = subjectOf.get(hit.id());
            if (s != null && !best.containsKey(s)) {
                best.put(s, new SubjectHit(s, hit.id(), hit.score()));
                if (best.size() == k) {
                    break;
                }
            }
        }
        return new ArrayList<>(best.values());
    }

    private void maybeBuildHnsw() {
        if (hnsw == null && flat.size() >= hnswThreshold) {
            HnswIndex h = new HnswIndex(dim, hnswSettings);
            long[] ids = subjectOf.keySet().stream().mapToLong(Long::longValue).toArray();
            float[][] vs = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                vs[i] = flat.vector(ids[i]);
            }
            h.addAll(ids, vs);
            hnsw = h;
        }
    }

    @Override
    public synchronized void close() {
        flat.close();
        if (hnsw != null) {
            hnsw.close();
        }
    }
}
