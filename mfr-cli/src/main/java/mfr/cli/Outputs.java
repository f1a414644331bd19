package mfr.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** Writes output files whole or not at all (temporary file, then an atomic rename). */
final class Outputs {
    private Outputs() {
    }

    static void writeImage(BufferedImage img, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : "png";
        write(out, tmp -> {
            if (!ImageIO.write(img, format, tmp.toFile())) {
                throw new IOException("no writer for " + format);
            }
        });
    }

    static void writeBytes(byte[] bytes, Path out) {
        write(out, tmp -> Files.write(tmp, bytes));
    }

    interface Writer {
        void write(Path tmp) throws IOException;
    }

    static void write(Path out, Writer w) {
        Path abs = out.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            w.write(tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename already happened or the file never existed
                }
            }
        }
    }
}
