package mfr.mask.render;

import java.util.List;
import java.util.Random;

/**
 * Everything that decides how one mask looks. {@link #random} draws a style from a seeded generator, so a seed gives
 * the same mask every time.
 *
 * @param type       kind of mask (shape family and label)
 * @param rgb        main colour 0xRRGGBB (the type's colour, slightly varied)
 * @param accentRgb  second colour of a cloth pattern
 * @param pattern    cloth pattern (PLAIN for everything that is not {@code cloth_textured})
 * @param patternScale pattern period in aligned-crop pixels
 * @param top        where the top edge crosses the nose bridge: 0 at its root (landmark 27), 1 at its tip (30)
 * @param chinDrop   how far below the chin the mask reaches, in aligned-crop pixels
 * @param bulge      how far outside the jaw line the sides stand, in aligned-crop pixels
 * @param earLoops   draw the elastic loops towards the ears
 * @param noise      standard deviation of the pixel noise, in 8-bit levels
 * @param seed       seed of the noise and pattern details
 */
public record MaskStyle(MaskType type, int rgb, int accentRgb, ClothPattern pattern, double patternScale, double top,
                        double chinDrop, double bulge, boolean earLoops, double noise, long seed) {

    /** A random style of one of {@code types}, drawn from {@code rng}. */
    public static MaskStyle random(List<MaskType> types, Random rng) {
        MaskType t = types.get(rng.nextInt(types.size()));
        int rgb = jitter(t.rgb(), rng, t.family() == MaskType.Family.CLOTH ? 10 : 6);
        ClothPattern pattern = ClothPattern.PLAIN;
        int accent = rgb;
        if (t == MaskType.CLOTH_TEXTURED) {
            pattern = ClothPattern.values()[1 + rng.nextInt(ClothPattern.values().length - 1)];
            rgb = PALETTE[rng.nextInt(PALETTE.length)];
            do {
                accent = PALETTE[rng.nextInt(PALETTE.length)];
            } while (accent == rgb);
            accent = blend(accent, rgb, 0.5 * rng.nextDouble()); // many prints are low-contrast
        }
        double top = switch (t.family()) {
            case SURGICAL -> 0.05 + 0.35 * rng.nextDouble();
            case CLOTH -> 0.15 + 0.40 * rng.nextDouble();
            case N95, KN95 -> 0.10 + 0.30 * rng.nextDouble();
        };
        return new MaskStyle(t, rgb, accent, pattern, 5 + 7 * rng.nextDouble(), top, 4 + 6 * rng.nextDouble(),
                2.5 + 3.0 * rng.nextDouble(), rng.nextDouble() < 0.7, 2 + 3 * rng.nextDouble(), rng.nextLong());
    }

    /** The default style of a type, without randomness (for tests and pictures). */
    public static MaskStyle of(MaskType t) {
        int accent = t == MaskType.CLOTH_TEXTURED ? 0xe8d9a8 : t.rgb();
        ClothPattern p = t == MaskType.CLOTH_TEXTURED ? ClothPattern.CHECKS : ClothPattern.PLAIN;
        return new MaskStyle(t, t.rgb(), accent, p, 8, 0.45, 7, 2.5, true, 3, 1);
    }

    /** Colours of printed cloth masks: navy, black, denim, khaki, cream, red, grey, teal, pink, white. */
    private static final int[] PALETTE = {0x1f2a44, 0x202020, 0x4a6d96, 0xb8a47a, 0xeee4cc, 0xa4262c, 0x7d7f83,
        0x2f6f73, 0xd99aa5, 0xf2f2f2, 0x6b4a2f, 0x3d6b3d};

    private static int jitter(int rgb, Random rng, int amount) {
        int r = clamp(((rgb >> 16) & 0xff) + (int) Math.round(rng.nextGaussian() * amount));
        int g = clamp(((rgb >> 8) & 0xff) + (int) Math.round(rng.nextGaussian() * amount));
        int b = clamp((rgb & 0xff) + (int) Math.round(rng.nextGaussian() * amount));
        return (r << 16) | (g << 8) | b;
    }

    private static int blend(int a, int b, double t) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return (r << 16) | (g << 8) | bl;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
