package mfr.mask.render;

import java.util.List;
import mfr.core.geometry.Point;

/**
 * The colour of a mask at a point, in aligned-crop coordinates (u right, v down): base colour or print, shading
 * across the face (a cylinder centred on the nose), a fold under the chin, pleats, seams, rim and noise.
 */
final class MaskPaint {
    private final MaskStyle style;
    private final MaskType.Family family;
    private final Lighting light;
    private final double noseX;
    private final double leftHalf;
    private final double rightHalf;
    private final double topV;
    private final double mouthV;
    private final double chinV;
    private final double noseBaseV;
    private final boolean centreSeam;
    private final long hash;

    MaskPaint(MaskStyle style, List<Point> c, Point noseTop, Lighting light) {
        this.style = style;
        this.family = style.type().family();
        this.light = light;
        this.noseX = c.get(30).x();
        this.leftHalf = Math.max(8, noseX - c.get(2).x());
        this.rightHalf = Math.max(8, c.get(14).x() - noseX);
        this.topV = noseTop.y();
        this.mouthV = c.get(57).y();
        this.chinV = c.get(8).y();
        this.noseBaseV = c.get(33).y();
        this.hash = mix(style.seed());
        this.centreSeam = family == MaskType.Family.KN95 || (family == MaskType.Family.CLOTH && (hash & 1) == 0);
    }

    /** Colour of the loops: white elastic on light surgical masks, black on black ones, the fabric on cloth. */
    int loopColour() {
        return switch (family) {
            case CLOTH -> style.rgb();
            case SURGICAL -> luma(style.rgb()) < 80 ? 0x262626 : 0xe9e9e6;
            case N95, KN95 -> 0xe6e6e2;
        };
    }

    /** Writes the RGB colour at (u, v); {@code inner} is 1 deep inside the mask and falls to 0 at its edge. */
    void colour(double u, double v, double inner, int x, int y, double[] rgb) {
        double mixA = style.pattern().mix(u, v, style.patternScale(), hash);
        int c0 = style.rgb();
        int c1 = style.accentRgb();
        double r = lerp((c0 >> 16) & 0xff, (c1 >> 16) & 0xff, mixA);
        double g = lerp((c0 >> 8) & 0xff, (c1 >> 8) & 0xff, mixA);
        double b = lerp(c0 & 0xff, c1 & 0xff, mixA);

        double nx = u < noseX ? (u - noseX) / leftHalf : (u - noseX) / rightHalf;
        double shade = 1 - 0.28 * Math.min(1.4, nx * nx);
        shade *= 1 - 0.30 * ClothPattern.smooth(mouthV + 0.55 * (chinV - mouthV), chinV + style.chinDrop(), v);
        double ridge = Math.exp(-(u - noseX) * (u - noseX) / 50.0) * (v < noseBaseV + 2 ? 1 : 0.35);
        shade *= 1 + 0.07 * ridge;
        double add = 0;
        switch (family) {
            case SURGICAL -> {
                double pleatH = Math.max(4, (chinV - topV) / 4.6);
                double w = (v - topV - 0.012 * (u - noseX) * (u - noseX)) / pleatH - 0.7;
                if (w > 0 && w < 3) {
                    double f = w - Math.floor(w);
                    shade *= 0.9 + 0.14 * f;
                    shade *= 1 - 0.22 * Math.exp(-Math.pow((1 - f) * pleatH / 0.7, 2));
                }
                shade *= 1 - 0.12 * (1 - inner);
            }
            case CLOTH -> {
                shade *= 1 + 0.05 * Math.sin(u * 2.3) * Math.sin(v * 2.3);
                shade *= 1 - 0.18 * (1 - inner);
            }
            case N95 -> {
                double du = nx;
                double dv = (v - (noseBaseV + 4)) / Math.max(8, chinV - topV);
                shade *= 1 - 0.22 * Math.min(1, du * du + 2 * dv * dv);
                shade *= 1 - 0.25 * (1 - inner);
                add = 6 * ridge;
            }
            case KN95 -> {
                shade *= 1 - 0.15 * (1 - inner);
                double rimSeam = Math.exp(-Math.pow((inner - 0.72) / 0.06, 2));
                shade *= 1 - 0.12 * rimSeam;
            }
        }
        if (centreSeam) {
            double d = Math.abs(u - noseX); // the seam runs down the nose line
            shade *= 1 - (family == MaskType.Family.KN95 ? 0.22 : 0.15) * Math.exp(-d * d / 0.5);
        }
        double lit = light.factor(u, v) * shade;
        double n = style.noise() * gaussianish(x, y);
        rgb[0] = r * lit + add + n;
        rgb[1] = g * lit + add + n;
        rgb[2] = b * lit + add + n;
    }

    private double gaussianish(int x, int y) {
        long h = mix(hash ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL));
        double u1 = ((h >>> 11) & 0xfffff) / (double) 0xfffff;
        double u2 = ((h >>> 33) & 0xfffff) / (double) 0xfffff;
        return (u1 + u2 - 1) * 2.45; // unit variance
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
