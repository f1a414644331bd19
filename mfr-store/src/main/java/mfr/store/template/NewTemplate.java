package mfr.store.template;

import java.util.Objects;

/**
 * A template to enroll.
 *
 * @param modelId   embedder id
 * @param vector    unit embedding
 * @param quality   detector score of the face
 * @param photo     encoded photo, kept only if the collection stores photos (may be null)
 * @param photoType media type of the photo, e.g. image/jpeg (may be null)
 */
public record NewTemplate(String modelId, float[] vector, double quality, byte[] photo, String photoType) {
    public NewTemplate {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("empty vector");
        }
    }
}
