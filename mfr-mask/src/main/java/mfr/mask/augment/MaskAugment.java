package mfr.mask.augment;

import java.util.List;
import java.util.Random;
import mfr.core.geometry.Landmarks;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;

/**
 * Training-time mask augmentation: with probability {@code ratio}, draws a random mask of one of {@code types} on a
 * face. The caller's {@link Random} decides everything, so a seeded generator gives a reproducible epoch. Thread-safe
 * (each call uses only the generator it is given).
 */
public final class MaskAugment {
    private final double ratio;
    private final List<MaskType> types;
    private final MaskRenderer renderer = new MaskRenderer();

    /** The image after augmentation and the style drawn, null when the face was left unmasked. */
    public record Result(RgbImage image, MaskStyle style) {
        public boolean masked() {
            return style != null;
        }
    }

    public MaskAugment(double ratio, List<MaskType> types) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("mask ratio must be in [0, 1], got " + ratio);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no mask types");
        }
        this.ratio = ratio;
        this.types = List.copyOf(types);
    }

    public double ratio() {
        return ratio;
    }

    public List<MaskType> types() {
        return types;
    }

    /** Draws whether to mask and, if so, the style; consumes the generator the same way whatever the image. */
    public MaskStyle draw(Random rng) {
        boolean mask = rng.nextDouble() < ratio;
        MaskStyle style = MaskStyle.random(types, rng);
        return mask ? style : null;
    }

    /** Augments a whole image given the face's landmarks (5 or 68) in its pixels. */
    public Result apply(RgbImage image, Landmarks landmarks, Random rng) {
        MaskStyle s = draw(rng);
        return s == null ? new Result(image, null) : new Result(renderer.render(image, landmarks, s), s);
    }

    /** Augments an aligned crop made with {@code toCrop} from an image whose landmarks are {@code imageLandmarks}. */
    public Result applyToCrop(RgbImage crop, Landmarks imageLandmarks, SimilarityTransform toCrop, Random rng) {
        MaskStyle s = draw(rng);
        return s == null ? new Result(crop, null)
                : new Result(renderer.renderOnCrop(crop, imageLandmarks, toCrop, s), s);
    }
}
