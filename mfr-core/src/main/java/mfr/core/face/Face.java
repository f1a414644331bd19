package mfr.core.face;

import mfr.core.geometry.Box;
import mfr.core.geometry.Landmarks;
import mfr.core.image.RgbImage;

/**
 * One analysed face. Coordinates are in the pixels of the image that was analysed.
 *
 * @param box             detector box
 * @param score           detector confidence
 * @param landmarks       68 landmarks when the landmark model ran, otherwise null
 * @param aligned         the 112x112 ArcFace-aligned crop, or null
 * @param embedding       the unit embedding, or null when only detection was asked for
 * @param maskProbability probability that the face wears a mask, NaN when no mask classifier ran
 */
public record Face(Box box, double score, Landmarks landmarks, RgbImage aligned, Embedding embedding,
                   double maskProbability) {

    /** A face whose mask probability is unknown (NaN). */
    public Face(Box box, double score, Landmarks landmarks, RgbImage aligned, Embedding embedding) {
        this(box, score, landmarks, aligned, embedding, Double.NaN);
    }

    public Landmarks fivePoints() {
        return landmarks == null ? null : landmarks.toFivePoints();
    }

    /** This face with its mask probability set. */
    public Face withMaskProbability(double p) {
        return new Face(box, score, landmarks, aligned, embedding, p);
    }

    /** Whether a mask classifier ran on this face. */
    public boolean maskKnown() {
        return !Double.isNaN(maskProbability);
    }
}
