package mfr.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import mfr.core.io.AtomicFile;

/** Writes the CLI's output files, whole or not at all ({@link AtomicFile}). */
final class Outputs {
    private Outputs() {
    }

    static void writeImage(BufferedImage img, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : "png";
        AtomicFile.write(out, tmp -> {
            if (!ImageIO.write(img, format, tmp.toFile())) {
                throw new IOException("no writer for " + format);
            }
        });
    }

    static void writeBytes(byte[] bytes, Path out) {
        AtomicFile.write(out, bytes);
    }
}
