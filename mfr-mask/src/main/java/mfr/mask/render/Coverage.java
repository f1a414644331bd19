package mfr.mask.render;

import java.awt.Color;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Anti-aliased coverage (0..1 per pixel) of a shape over a window of an image, with an optional box blur for soft
 * edges. Drawn by Java2D with anti-aliasing, so edges are sub-pixel exact before the blur.
 *
 * @param x0     left of the window in image pixels
 * @param y0     top of the window
 * @param width  window width
 * @param height window height
 * @param alpha  coverage, row by row
 */
record Coverage(int x0, int y0, int width, int height, float[] alpha) {

    static Coverage fill(Shape imageShape, int x0, int y0, int w, int h) {
        return draw(imageShape, x0, y0, w, h, 0);
    }

    /** Coverage of the stroked outline of {@code imageShape}, {@code strokeWidth} image pixels wide. */
    static Coverage stroke(Shape imageShape, int x0, int y0, int w, int h, float strokeWidth) {
        return draw(imageShape, x0, y0, w, h, strokeWidth);
    }

    private static Coverage draw(Shape s, int x0, int y0, int w, int h, float stroke) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.setTransform(AffineTransform.getTranslateInstance(-x0, -y0));
            if (stroke > 0) {
                g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(s);
            } else {
                g.fill(s);
            }
        } finally {
            g.dispose();
        }
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] a = new float[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = (px[i] & 0xff) / 255f;
        }
        return new Coverage(x0, y0, w, h, a);
    }

    /** A separable box blur of radius r (no-op for r < 1), applied twice (close to a Gaussian). */
    Coverage blurred(int r) {
        if (r < 1) {
            return this;
        }
        float[] a = alpha.clone();
        float[] tmp = new float[a.length];
        for (int pass = 0; pass < 2; pass++) {
            boxH(a, tmp, r);
            boxV(tmp, a, r);
        }
        return new Coverage(x0, y0, width, height, a);
    }

    float at(int x, int y) {
        int lx = x - x0;
        int ly = y - y0;
        if (lx < 0 || ly < 0 || lx >= width || ly >= height) {
            return 0;
        }
        return alpha[ly * width + lx];
    }

    private void boxH(float[] src, float[] dst, int r) {
        float norm = 1f / (2 * r + 1);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            float sum = 0;
            for (int x = -r; x <= r; x++) {
                sum += x >= 0 && x < width ? src[row + x] : 0;
            }
            for (int x = 0; x < width; x++) {
                dst[row + x] = sum * norm;
                int out = x - r;
                int in = x + r + 1;
                sum += (in < width ? src[row + in] : 0) - (out >= 0 ? src[row + out] : 0);
            }
        }
    }

    private void boxV(float[] src, float[] dst, int r) {
        float norm = 1f / (2 * r + 1);
        for (int x = 0; x < width; x++) {
            float sum = 0;
            for (int y = -r; y <= r; y++) {
                sum += y >= 0 && y < height ? src[y * width + x] : 0;
            }
            for (int y = 0; y < height; y++) {
                dst[y * width + x] = sum * norm;
                int out = y - r;
                int in = y + r + 1;
                sum += (in < height ? src[in * width + x] : 0) - (out >= 0 ? src[out * width + x] : 0);
            }
        }
    }
}
