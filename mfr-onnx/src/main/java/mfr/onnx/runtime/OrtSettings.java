package mfr.onnx.runtime;

/**
 * ONNX Runtime threading for one session.
 *
 * @param intraOpThreads threads inside one operator (1 for the FRUITS single-core protocol)
 * @param interOpThreads threads across operators
 * @param spinning       whether idle worker threads spin; off by default, since several spinning sessions on a
 *                       small machine were measured to double end-to-end latency (121 ms against 54 ms on 2 cores)
 */
public record OrtSettings(int intraOpThreads, int interOpThreads, boolean spinning) {
    public OrtSettings {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("thread counts must be at least 1");
        }
    }

    public static OrtSettings singleThread() {
        return new OrtSettings(1, 1, false);
    }

    public static OrtSettings allCores() {
        return new OrtSettings(Runtime.getRuntime().availableProcessors(), 1, false);
    }
}
