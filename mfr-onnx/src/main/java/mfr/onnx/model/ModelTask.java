package mfr.onnx.model;

/** What a model does in the pipeline. */
public enum ModelTask {
    DETECTOR, LANDMARKS, EMBEDDER, LIVENESS,
    /** The mask classifier's network (trained by mfr, not in the manifest). */
    MASK_CLASSIFIER
}
