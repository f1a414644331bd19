package mfr.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Decodes JPEG (baseline, progressive, CMYK, through TwelveMonkeys), PNG, BMP and WebP into upright RGB.
 * Every failure is an {@link MfrException} whose one-line message names the source and the reason:
 * empty, truncated, not an image, too many pixels (refused from the header, before decoding) or too large.
 * Thread-safe.
 */
public final class ImageLoader {
    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    private final ImageLimits limits;

    public ImageLoader(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLoader() {
        this(ImageLimits.DEFAULT);
    }

    public ImageLimits limits() {
        return limits;
    }

    public LoadedImage load(Path file) {
        String name = file.toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MfrException(ErrorCode.NOT_FOUND, name + ": no such file");
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, name + ": cannot read (" + e.getMessage() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": is a directory, not an image");
        }
        checkSize(name, size);
        try {
            return decode(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public LoadedImage decode(byte[] bytes, String name) {
        checkSize(name, bytes.length);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            List<ImageReader> readers = readersFor(in);
            if (readers.isEmpty()) {
                throw new MfrException(ErrorCode.IMAGE_UNREADABLE,
                        name + ": not an image in a supported format (JPEG, PNG, BMP, WebP)");
            }
            // Each reader in turn: for JPEG the JDK's own (fastest) first, then TwelveMonkeys' (CMYK, YCCK, quirks).
            MfrException first = null;
            for (ImageReader reader : readers) {
                try {
                    in.seek(0);
                    return read(reader, in, bytes, name);
                } catch (MfrException e) {
                    if (e.code() == ErrorCode.IMAGE_TOO_LARGE) {
                        throw e;
                    }
                    first = first == null ? e : first;
                } catch (IOException | RuntimeException e) {
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    MfrException m = new MfrException(ErrorCode.IMAGE_UNREADABLE,
                            name + ": truncated or corrupt image (" + oneLine(why) + ")");
                    first = first == null ? m : first;
                } finally {
                    reader.dispose();
                }
            }
            throw first;
        } catch (MfrException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new MfrException(ErrorCode.IMAGE_TOO_LARGE, name + ": not enough memory to decode this image");
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": truncated or corrupt image (" + oneLine(why) + ")");
        }
    }

    private static List<ImageReader> readersFor(ImageInputStream in) {
        List<ImageReader> out = new ArrayList<>();
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        while (it.hasNext()) {
            ImageReader r = it.next();
            boolean jdkJpeg = r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg");
            if (jdkJpeg) {
                out.add(0, r);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private LoadedImage read(ImageReader reader, ImageInputStream in, byte[] bytes, String name) throws IOException {
        reader.setInput(in, true, true);
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w <= 0 || h <= 0) {
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": image header announces no pixels");
        }
        if (w * h > limits.maxPixels()) {
            throw new MfrException(ErrorCode.IMAGE_TOO_LARGE, String.format(Locale.ROOT,
                    "%s: %dx%d pixels is over the limit of %d pixels; resize it first", name, w, h, limits.maxPixels()));
        }
        int sub = (int) Math.max(1, Math.ceil(Math.max(w, h) / (double) limits.maxDecodeSide()));
        ImageReadParam param = reader.getDefaultReadParam();
        if (sub > 1) {
            param.setSourceSubsampling(sub, sub, 0, 0);
        }
        TruncationWatch watch = new TruncationWatch();
        reader.addIIOReadWarningListener(watch);
        BufferedImage img = reader.read(0, param);
        if (watch.truncated != null) {
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": truncated or corrupt image (" + watch.truncated + ")");
        }
        Orientation o = orientation(bytes);
        RgbImage rgb = RgbImage.of(img).orient(o.mirror, o.quarterTurns);
        boolean swap = o.quarterTurns % 2 == 1;
        return new LoadedImage(rgb, name, format, (int) (swap ? h : w), (int) (swap ? w : h), sub);
    }

    private void checkSize(String name, long size) {
        if (size == 0) {
            throw new MfrException(ErrorCode.IMAGE_UNREADABLE, name + ": empty file (0 bytes)");
        }
        if (size > limits.maxBytes()) {
            throw new MfrException(ErrorCode.IMAGE_TOO_LARGE,
                    name + ": " + size + " bytes is over the limit of " + limits.maxBytes() + " bytes");
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private record Orientation(boolean mirror, int quarterTurns) {
    }

    /** EXIF orientation (tag 0x0112) as a mirror followed by clockwise quarter turns; upright when absent. */
    private static Orientation orientation(byte[] bytes) {
        if (!hasExif(bytes)) {
            return new Orientation(false, 0);
        }
        int value = 1;
        try {
            Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory dir = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception | StackOverflowError e) {
            value = 1; // no readable EXIF: the image is taken as it is stored
        }
        return switch (value) {
            case 2 -> new Orientation(true, 0);
            case 3 -> new Orientation(false, 2);
            case 4 -> new Orientation(true, 2);
            case 5 -> new Orientation(true, 3);
            case 6 -> new Orientation(false, 1);
            case 7 -> new Orientation(true, 1);
            case 8 -> new Orientation(false, 3);
            default -> new Orientation(false, 0);
        };
    }

    /** Whether an EXIF block ("Exif" and two zero bytes) appears in the first 128 KiB: a cheap test before parsing. */
    private static boolean hasExif(byte[] b) {
        int end = Math.min(b.length, 1 << 17) - 6;
        for (int i = 0; i < end; i++) {
            if (b[i] == 'E' && b[i + 1] == 'x' && b[i + 2] == 'i' && b[i + 3] == 'f' && b[i + 4] == 0 && b[i + 5] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The JDK JPEG decoder reports a truncated file only as a warning; mfr treats it as an error. */
    private static final class TruncationWatch implements IIOReadWarningListener {
        String truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncat")) {
                truncated = oneLine(warning);
            }
        }
    }
}
