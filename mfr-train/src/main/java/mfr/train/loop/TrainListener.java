package mfr.train.loop;

/** What a training run reports while it runs (the CLI draws a progress bar from it). */
public interface TrainListener {
    /** One optimizer step (or one skipped for non-finite gradients). */
    record StepReport(long step, long totalSteps, double loss, double lr, double imagesPerSecond, double lossScale,
                      boolean skipped, int epoch) {
    }

    default void started(long startStep, long totalSteps) {
    }

    default void step(StepReport report) {
    }

    default void message(String line) {
    }

    TrainListener NONE = new TrainListener() {
    };
}
