package mfr.core.spi;

import java.util.List;
import mfr.core.face.Detection;
import mfr.core.image.RgbImage;

/** Finds faces. Implementations are thread-safe and hold native resources until closed. */
public interface Detector extends AutoCloseable {
    /** Faces sorted by descending score, boxes in the pixels of {@code image}. */
    List<Detection> detect(RgbImage image);

    @Override
    void close();
}
