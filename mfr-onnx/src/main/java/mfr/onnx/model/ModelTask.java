package mfr.onnx.model;

/** What a model does in the pipeline. */
public enum ModelTask {
    DETECTOR, LANDMARKS, EMBEDDER, LIVENESS
}
