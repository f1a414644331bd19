package mfr.mask.classify;

/** What the mask classifier looks at. */
public enum FeatureKind {
    /** The embedder's 512-d unit embedding of the aligned crop. */
    EMBEDDING,
    /** Colour, contrast and gradient statistics of the lower face compared with the upper face (aligned crop). */
    PIXELS,
    /** Both, concatenated. */
    BOTH
}
