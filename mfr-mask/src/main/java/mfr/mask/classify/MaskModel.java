package mfr.mask.classify;

/** What turns a face's features into the probability that it wears a mask. */
public sealed interface MaskModel extends AutoCloseable permits LogisticModel, CnnModel, BlendModel {
    double probability(float[] features);

    /** Releases native resources (an ONNX Runtime session); a no-op for models in plain Java. */
    @Override
    default void close() {
    }
}
