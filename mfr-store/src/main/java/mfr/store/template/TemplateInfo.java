package mfr.store.template;

import java.time.Instant;

/**
 * What may be listed of a template: never its vector.
 *
 * @param id        template (face) id
 * @param subject   subject name
 * @param modelId   the embedder that made the vector; vectors of different models are never compared
 * @param dimension vector length
 * @param quality   detector score of the enrolled face
 * @param hasPhoto  whether the enrolled photo was kept (only when the collection asks for it)
 */
public record TemplateInfo(long id, String subject, String modelId, int dimension, double quality, boolean hasPhoto,
                           Instant createdAt) {
}
