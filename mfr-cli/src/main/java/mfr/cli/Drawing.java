package mfr.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import mfr.core.face.Face;
import mfr.core.geometry.Point;
import mfr.core.image.RgbImage;

/** Draws boxes, scores and landmarks on a copy of an image, so a person can check what the detector found. */
final class Drawing {
    private Drawing() {
    }

    static BufferedImage draw(RgbImage image, List<Face> faces) {
        BufferedImage img = image.toBufferedImage();
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float line = Math.max(1.5f, Math.max(img.getWidth(), img.getHeight()) / 400f);
            g.setStroke(new BasicStroke(line));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, Math.round(line * 7))));
            int i = 0;
            for (Face f : faces) {
                var b = f.box();
                g.setColor(Color.GREEN);
                g.drawRect((int) b.x1(), (int) b.y1(), (int) b.width(), (int) b.height());
                g.drawString(String.format(Locale.ROOT, "#%d %.2f", i++, f.score()), (int) b.x1(), (int) b.y1() - 3);
                if (f.landmarks() != null) {
                    double r = Math.max(1.0, b.width() / 80);
                    g.setColor(Color.CYAN);
                    for (Point p : f.landmarks().points()) {
                        g.fillOval((int) (p.x() - r), (int) (p.y() - r), (int) (2 * r), (int) (2 * r));
                    }
                    g.setColor(Color.RED);
                    double r5 = 2 * r;
                    for (Point p : f.fivePoints().points()) {
                        g.fillOval((int) (p.x() - r5), (int) (p.y() - r5), (int) (2 * r5), (int) (2 * r5));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
