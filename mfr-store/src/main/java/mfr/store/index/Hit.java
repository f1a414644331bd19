package mfr.store.index;

/** One search result: a template id and its cosine similarity to the probe. */
public record Hit(long id, float score) {
}
