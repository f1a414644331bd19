package mfr.mask.render;

/**
 * Procedural prints of textured cloth masks, evaluated in aligned-crop coordinates (so they turn and scale with the
 * face). {@link #mix} gives the weight of the accent colour at a point, 0 (main colour) to 1 (accent).
 */
public enum ClothPattern {
    PLAIN, STRIPES, CHECKS, DOTS, FLORAL, CAMO;

    /** Accent weight at aligned-crop point (u, v) for period {@code p}; {@code h} varies the print per mask. */
    public double mix(double u, double v, double p, long h) {
        double ph = (h & 0xff) / 255.0 * p;
        return switch (this) {
            case PLAIN -> 0;
            case STRIPES -> smoothBand(Math.sin(2 * Math.PI * ((u + v * 0.6) + ph) / p), 0.3);
            case CHECKS -> {
                double a = smoothBand(Math.sin(2 * Math.PI * (u + ph) / p), 0.2);
                double b = smoothBand(Math.sin(2 * Math.PI * (v + ph) / p), 0.2);
                yield 0.5 * a + 0.5 * b;
            }
            case DOTS -> {
                double gx = (u + ph) / p;
                double gy = (v + ph) / p;
                double dx = gx - Math.floor(gx) - 0.5;
                double dy = gy - Math.floor(gy) - 0.5;
                yield 1 - smooth(0.2, 0.3, Math.hypot(dx, dy));
            }
            case FLORAL -> {
                double r = Math.sin(u * 0.9 / p * 6 + ph) * Math.cos(v * 0.8 / p * 6 - ph)
                        + 0.5 * Math.sin((u + v) * 1.7 / p * 3);
                yield smooth(0.55, 0.85, r);
            }
            case CAMO -> {
                double r = Math.sin(u / p * 2.1 + ph) + Math.sin(v / p * 1.7 - 2 * ph) + Math.sin((u - v) / p * 1.3);
                yield smooth(0.1, 0.4, r);
            }
        };
    }

    private static double smoothBand(double s, double width) {
        return smooth(-width, width, s);
    }

    static double smooth(double e0, double e1, double x) {
        double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }
}
