package mfr.mask.classify;

/** What the mask classifier looks at. */
public enum FeatureKind {
    /** The embedder's 512-d unit embedding of the aligned crop (logistic regression). */
    EMBEDDING,
    /** Colour, contrast and gradient statistics of the lower face compared with the upper face (logistic regression). */
    PIXELS,
    /** Both, concatenated (logistic regression). */
    BOTH,
    /** The aligned crop itself, downscaled ({@link CnnInput}), for a small convolutional network run by ONNX Runtime. */
    CNN,
    /**
     * Both a logistic regression on {@link #PIXELS} and the {@link #CNN}, trained on the same examples; the
     * probability is the plain mean of theirs ({@link BlendModel}).
     */
    BLEND;

    /** Whether the features include the face's embedding. */
    public boolean needsEmbedding() {
        return this == EMBEDDING || this == BOTH;
    }
}
