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
import mfr.core.io.AtomicFile;

/** Writes images and text whole or not at all ({@link AtomicFile}). */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** PNG, or JPEG at quality 0.95 when the name ends in .jpg/.jpeg. */
    public static void write(BufferedImage img, Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
        AtomicFile.write(out, tmp -> {
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
        AtomicFile.write(out, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    public static void writeString(String s, Path out) {
        AtomicFile.write(out, tmp -> Files.writeString(tmp, s));
    }

}
