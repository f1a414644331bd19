package mfr.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code rgb[(y*width + x)*3 + c]}, c = 0 red, 1 green, 2 blue).
 * Immutable by convention: methods return new images and callers do not write into {@link #rgb()}.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] rgb;

    public RgbImage(int width, int height, byte[] rgb) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public static RgbImage of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        BufferedImage bgr = img;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            try {
                g.drawImage(img, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        byte[] src = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < out.length; i += 3) {
            out[i] = src[i + 2];
            out[i + 1] = src[i + 1];
            out[i + 2] = src[i];
        }
        return new RgbImage(w, h, out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i += 3) {
            dst[i] = rgb[i + 2];
            dst[i + 1] = rgb[i + 1];
            dst[i + 2] = rgb[i];
        }
        return img;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array; do not modify. */
    public byte[] rgb() {
        return rgb;
    }

    /** Channel value 0..255. */
    public int get(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    public RgbImage flipHorizontal() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                int s = row + x * 3;
                int d = row + (width - 1 - x) * 3;
                out[d] = rgb[s];
                out[d + 1] = rgb[s + 1];
                out[d + 2] = rgb[s + 2];
            }
        }
        return new RgbImage(width, height, out);
    }

    /** Rotates by a multiple of 90 degrees clockwise and optionally mirrors first (EXIF orientation). */
    public RgbImage orient(boolean mirror, int quarterTurnsClockwise) {
        RgbImage img = mirror ? flipHorizontal() : this;
        int q = ((quarterTurnsClockwise % 4) + 4) % 4;
        for (int i = 0; i < q; i++) {
            img = img.rotateClockwise();
        }
        return img;
    }

    private RgbImage rotateClockwise() {
        int nw = height;
        int nh = width;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int s = (y * width + x) * 3;
                int nx = height - 1 - y;
                int d = (x * nw + nx) * 3;
                out[d] = rgb[s];
                out[d + 1] = rgb[s + 1];
                out[d + 2] = rgb[s + 2];
            }
        }
        return new RgbImage(nw, nh, out);
    }
}
