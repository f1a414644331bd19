package mfr.store.template;

import java.time.Instant;

/**
 * A named gallery of subjects. Photos of enrolled faces are kept only when {@code storePhotos} is true.
 */
public record FaceCollection(long id, String name, boolean storePhotos, Instant createdAt) {
}
