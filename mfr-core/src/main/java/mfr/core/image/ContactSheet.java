package mfr.core.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A grid of labelled thumbnails, for a person to look at. */
public final class ContactSheet {
    private final int cell;
    private final int columns;
    private final List<RgbImage> images = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    public ContactSheet(int cell, int columns) {
        this.cell = cell;
        this.columns = columns;
    }

    public ContactSheet add(RgbImage image, String label) {
        images.add(image);
        labels.add(label);
        return this;
    }

    public int size() {
        return images.size();
    }

    public BufferedImage render(String title) {
        int rows = Math.max(1, (images.size() + columns - 1) / columns);
        int labelH = 14;
        int titleH = title == null ? 0 : 22;
        BufferedImage out = new BufferedImage(columns * cell, titleH + rows * (cell + labelH), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setColor(Color.BLACK);
            if (title != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(title, 6, 16);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < images.size(); i++) {
                int x = (i % columns) * cell;
                int y = titleH + (i / columns) * (cell + labelH);
                RgbImage im = images.get(i);
                double s = Math.min((double) cell / im.width(), (double) cell / im.height());
                int w = (int) Math.round(im.width() * s);
                int h = (int) Math.round(im.height() * s);
                g.drawImage(im.toBufferedImage(), x + (cell - w) / 2, y + (cell - h) / 2, w, h, null);
                g.setColor(Color.BLACK);
                String label = labels.get(i);
                g.drawString(label.length() > 22 ? label.substring(0, 22) : label, x + 3, y + cell + 11);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
