package mfr.train.data;

import java.util.SplittableRandom;
import mfr.core.image.RgbImage;

/**
 * Generated faces-that-are-not-faces, so the whole loop runs anywhere: each class has its own smooth colour pattern
 * (a few random blobs) and each image adds a small shift and pixel noise, so a network can learn the classes and
 * the loss falls. Deterministic: image i is the same for the same seed.
 */
public final class SyntheticDataset implements FaceDataset {
    public static final int SIZE = 112;
    private final int classes;
    private final int perClass;
    private final long seed;

    public SyntheticDataset(int classes, int perClass, long seed) {
        if (classes < 2 || perClass < 1) {
            throw new IllegalArgumentException("synthetic dataset needs at least 2 classes and 1 image per class");
        }
        this.classes = classes;
        this.perClass = perClass;
        this.seed = seed;
    }

    @Override
    public int size() {
        return classes * perClass;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public int label(int index) {
        return index / perClass;
    }

    @Override
    public RgbImage image(int index) {
        int label = label(index);
        SplittableRandom cls = new SplittableRandom(seed * 1_000_003L + label);
        SplittableRandom img = new SplittableRandom(seed * 7_919L + index * 31L + 17);
        int blobs = 4;
        double[][] b = new double[blobs][6];
        for (double[] blob : b) {
            blob[0] = 20 + cls.nextDouble() * 72;
            blob[1] = 20 + cls.nextDouble() * 72;
            blob[2] = 10 + cls.nextDouble() * 25;
            blob[3] = cls.nextDouble() * 255;
            blob[4] = cls.nextDouble() * 255;
            blob[5] = cls.nextDouble() * 255;
        }
        double dx = img.nextDouble() * 6 - 3;
        double dy = img.nextDouble() * 6 - 3;
        byte[] rgb = new byte[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double[] c = {60, 60, 60};
                for (double[] blob : b) {
                    double ex = x - blob[0] - dx;
                    double ey = y - blob[1] - dy;
                    double w = Math.exp(-(ex * ex + ey * ey) / (2 * blob[2] * blob[2]));
                    for (int k = 0; k < 3; k++) {
                        c[k] += w * (blob[3 + k] - 60);
                    }
                }
                int o = (y * SIZE + x) * 3;
                for (int k = 0; k < 3; k++) {
                    double v = c[k] + (img.nextDouble() - 0.5) * 30;
                    rgb[o + k] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return new RgbImage(SIZE, SIZE, rgb);
    }

    @Override
    public String describe() {
        return "synthetic (" + classes + " classes x " + perClass + " images, seed " + seed + ")";
    }
}
