package mfr.onnx.analyzer;

/** Receives how long each pipeline stage took; used by the benchmark. */
@FunctionalInterface
public interface StageTimer {
    StageTimer NONE = (stage, nanos) -> { };

    void record(String stage, long nanos);
}
