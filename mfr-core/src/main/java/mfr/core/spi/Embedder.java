package mfr.core.spi;

import java.util.List;
import mfr.core.face.Embedding;
import mfr.core.image.RgbImage;

/** Turns aligned 112x112 face crops into unit embeddings. Thread-safe; closeable. */
public interface Embedder extends AutoCloseable {
    /** The id stored with every embedding this model makes. */
    String modelId();

    int dimension();

    Embedding embed(RgbImage aligned);

    /** Embeds many crops; implementations may run them as one batch. */
    default List<Embedding> embedAll(List<RgbImage> aligned) {
        return aligned.stream().map(this::embed).toList();
    }

    @Override
    void close();
}
