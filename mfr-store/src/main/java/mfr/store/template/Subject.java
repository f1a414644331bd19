package mfr.store.template;

import java.time.Instant;

/** A person of a collection, with the number of templates enrolled for them. */
public record Subject(long id, String collection, String name, Instant createdAt, int templates) {
}
