package mfr.store.template;

/** A template's vector as loaded into a search index. */
public record StoredVector(long templateId, String subject, float[] vector) {
}
