package mfr.core.spi;

import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.image.RgbImage;

/** Locates facial landmarks inside a detected box. Thread-safe; closeable. */
public interface Landmarker extends AutoCloseable {
    Landmarks landmarks(RgbImage image, Box face);

    @Override
    void close();
}
