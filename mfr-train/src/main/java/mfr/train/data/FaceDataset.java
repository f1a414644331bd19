package mfr.train.data;

import mfr.core.image.RgbImage;

/**
 * Labelled face images for training, addressed by index. Images are 112x112 aligned crops; labels run from 0 to
 * {@link #numClasses()} - 1. Implementations are thread-safe: the loader decodes on several threads.
 */
public interface FaceDataset extends AutoCloseable {
    int size();

    int numClasses();

    int label(int index);

    /** Decodes image {@code index}. */
    RgbImage image(int index);

    /** One line for the start-of-run log. */
    String describe();

    @Override
    default void close() {
    }
}
