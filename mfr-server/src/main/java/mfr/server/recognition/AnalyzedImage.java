package mfr.server.recognition;

import java.util.List;
import mfr.core.face.Face;

/**
 * The faces found in an uploaded image, best detection first.
 *
 * @param faces  faces with boxes, landmarks and embeddings, in the pixels of the decoded image
 * @param scale  multiply coordinates by this to get pixels of the full-resolution upload
 * @param width  upload width
 * @param height upload height
 */
public record AnalyzedImage(List<Face> faces, int scale, int width, int height) {
    /** The largest face (ties: the better score), or null. */
    public Face mainFace() {
        Face best = null;
        for (Face f : faces) {
            if (best == null || f.box().area() > best.box().area()
                    || f.box().area() == best.box().area() && f.score() > best.score()) {
                best = f;
            }
        }
        return best;
    }
}
