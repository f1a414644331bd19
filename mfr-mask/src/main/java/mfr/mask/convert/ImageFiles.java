package mfr.mask.convert;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** Writes files whole or not at all: a temporary file beside the target, then an atomic rename. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** PNG, or JPEG at quality 0.95 when the name ends in .jpg/.jpeg. */
    public static void write(BufferedImage img, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
        atomic(out, tmp -> {
            if (!jpeg) {
                if (!ImageIO.write(img, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer");
                }
                return;
            }
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(tmp.toFile())) {
                w.setOutput(ios);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.95f);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
        });
    }

    public static void copy(Path from, Path out) {
        atomic(out, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    public static void writeString(String s, Path out) {
        atomic(out, tmp -> Files.writeString(tmp, s));
    }

    /** What fills the temporary file. */
    public interface Body {
        void write(Path tmp) throws IOException;
    }

    public static void atomic(Path out, Body body) {
        Path abs = out.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            body.write(tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // already renamed
                }
            }
        }
    }
}
