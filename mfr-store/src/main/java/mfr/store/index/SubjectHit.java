package mfr.store.index;

/** A subject found by 1:N search: its best template and that template's similarity to the probe. */
public record SubjectHit(String subject, long templateId, float similarity) {
}
