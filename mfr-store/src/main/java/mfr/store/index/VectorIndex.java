package mfr.store.index;

import java.util.List;

/**
 * Unit vectors searched by dot product (cosine similarity). Implementations are thread-safe: searches run in
 * parallel with each other, writes exclusively.
 */
public interface VectorIndex extends AutoCloseable {
    int dimension();

    int size();

    void add(long id, float[] unit);

    boolean remove(long id);

    /** The {@code k} most similar vectors, best first. */
    List<Hit> search(float[] probe, int k);

    @Override
    void close();
}
