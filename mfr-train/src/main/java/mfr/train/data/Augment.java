package mfr.train.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import mfr.core.image.RgbImage;

/**
 * A training-time image transform. The random generator is seeded per (seed, epoch, sample) by the loader, so a
 * run is reproducible whatever thread decodes which image. Mask augmentation (mfr-mask's {@code MaskAugment}) plugs
 * in as one more implementation.
 */
@FunctionalInterface
public interface Augment {
    RgbImage apply(RgbImage image, SplittableRandom random);

    static Augment none() {
        return (img, r) -> img;
    }

    /** Applies the steps in order. */
    static Augment chain(List<Augment> steps) {
        List<Augment> copy = List.copyOf(steps);
        return (img, r) -> {
            RgbImage out = img;
            for (Augment a : copy) {
                out = a.apply(out, r);
            }
            return out;
        };
    }

    /** Mirrors the image with probability {@code p}. */
    static Augment flip(double p) {
        return (img, r) -> r.nextDouble() < p ? img.flipHorizontal() : img;
    }

    /**
     * Scales brightness, contrast and saturation by factors drawn from [1 - x, 1 + x] (torchvision's ColorJitter
     * without hue), applied with probability {@code p}.
     */
    static Augment colour(double p, double brightness, double contrast, double saturation) {
        return (img, r) -> {
            if (r.nextDouble() >= p) {
                return img;
            }
            double b = 1 + (r.nextDouble() * 2 - 1) * brightness;
            double c = 1 + (r.nextDouble() * 2 - 1) * contrast;
            double s = 1 + (r.nextDouble() * 2 - 1) * saturation;
            byte[] src = img.rgb();
            double mean = 0;
            for (int i = 0; i < src.length; i += 3) {
                mean += 0.299 * (src[i] & 0xff) + 0.587 * (src[i + 1] & 0xff) + 0.114 * (src[i + 2] & 0xff);
            }
            mean /= src.length / 3.0;
            byte[] out = new byte[src.length];
            for (int i = 0; i < src.length; i += 3) {
                double[] px = {(src[i] & 0xff) * b, (src[i + 1] & 0xff) * b, (src[i + 2] & 0xff) * b};
                double gray = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2];
                for (int k = 0; k < 3; k++) {
                    double v = gray + (px[k] - gray) * s;
                    v = mean * b + (v - mean * b) * c;
                    out[i + k] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
            return new RgbImage(img.width(), img.height(), out);
        };
    }

    /** Re-encodes as JPEG at a quality drawn from [minQuality, maxQuality] with probability {@code p}. */
    static Augment jpeg(double p, int minQuality, int maxQuality) {
        return (img, r) -> {
            if (r.nextDouble() >= p) {
                return img;
            }
            int q = minQuality + r.nextInt(maxQuality - minQuality + 1);
            try {
                ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = w.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(q / 100f);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (var out = ImageIO.createImageOutputStream(bytes)) {
                    w.setOutput(out);
                    w.write(null, new IIOImage(img.toBufferedImage(), null, null), param);
                } finally {
                    w.dispose();
                }
                return RgbImage.of(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
