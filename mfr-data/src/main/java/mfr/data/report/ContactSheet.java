package mfr.data.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import mfr.core.error.MfrException;
import mfr.core.image.ImageLoader;
import mfr.core.image.Resampler;
import mfr.core.image.RgbImage;

/** A grid of captioned thumbnails, for a person to look at what cleaning removed or merged. */
public final class ContactSheet {
    /** One cell: an image (or null for an empty slot) and up to two caption lines. */
    public record Cell(Path image, String caption, String caption2) {
    }

    private static final int THUMB = 96;
    private static final int CAPTION = 30;

    private ContactSheet() {
    }

    public static BufferedImage render(String title, List<Cell> cells, int columns) {
        int rows = Math.max(1, (cells.size() + columns - 1) / columns);
        int head = 28;
        BufferedImage sheet = new BufferedImage(columns * (THUMB + 6) + 6, head + rows * (THUMB + CAPTION + 6) + 6,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, 6, 19);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            ImageLoader loader = new ImageLoader();
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                int x = 6 + (i % columns) * (THUMB + 6);
                int y = head + (i / columns) * (THUMB + CAPTION + 6);
                if (c.image() != null) {
                    g.drawImage(thumbnail(loader, c.image()), x, y, null);
                }
                g.setColor(Color.BLACK);
                g.drawString(clip(g, c.caption()), x, y + THUMB + 12);
                if (c.caption2() != null) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(clip(g, c.caption2()), x, y + THUMB + 24);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static BufferedImage thumbnail(ImageLoader loader, Path p) {
        try {
            RgbImage img = loader.load(p).image();
            int side = Math.min(img.width(), img.height());
            return Resampler.crop(img, (img.width() - side) / 2.0, (img.height() - side) / 2.0, side, side, THUMB, THUMB, 255)
                    .toBufferedImage();
        } catch (MfrException e) {
            BufferedImage blank = new BufferedImage(THUMB, THUMB, BufferedImage.TYPE_INT_RGB);
            return blank;
        }
    }

    private static String clip(Graphics2D g, String s) {
        if (s == null) {
            return "";
        }
        String t = s;
        while (t.length() > 3 && g.getFontMetrics().stringWidth(t) > THUMB) {
            t = t.substring(0, t.length() - 2);
        }
        return t.equals(s) ? s : t + "…";
    }
}
