package mfr.server;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a still photo as a Y4M video (4:2:0) that Chromium plays as its fake webcam. */
final class FakeWebcam {
    private FakeWebcam() {
    }

    static Path write(Path photo, Path out, int width, int height, int frames) throws IOException {
        BufferedImage src = ImageIO.read(photo.toFile());
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(java.awt.Color.DARK_GRAY);
        g.fillRect(0, 0, width, height);
        int side = Math.min(width, height);
        g.drawImage(src, (width - side) / 2, (height - side) / 2, side, side, null);
        g.dispose();
        byte[] y = new byte[width * height];
        byte[] u = new byte[width * height / 4];
        byte[] v = new byte[width * height / 4];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int rgb = frame.getRGB(c, r);
                int R = rgb >> 16 & 255;
                int G = rgb >> 8 & 255;
                int B = rgb & 255;
                y[r * width + c] = (byte) clamp(0.299 * R + 0.587 * G + 0.114 * B);
                if (r % 2 == 0 && c % 2 == 0) {
                    int i = (r / 2) * (width / 2) + c / 2;
                    u[i] = (byte) clamp(128 - 0.168736 * R - 0.331264 * G + 0.5 * B);
                    v[i] = (byte) clamp(128 + 0.5 * R - 0.418688 * G - 0.081312 * B);
                }
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(("YUV4MPEG2 W" + width + " H" + height + " F30:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
        for (int f = 0; f < frames; f++) {
            b.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            b.write(y);
            b.write(u);
            b.write(v);
        }
        Files.write(out, b.toByteArray());
        return out;
    }

    private static int clamp(double x) {
        return (int) Math.max(0, Math.min(255, Math.round(x)));
    }
}
