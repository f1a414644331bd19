package mfr.train.loop;

/**
 * Dynamic loss scaling (as PyTorch's GradScaler): gradients are computed for {@code scale * loss}; a step whose
 * gradients hold inf or NaN is skipped and the scale multiplied by {@code backoff}; after {@code interval} good
 * steps in a row the scale grows by {@code growth}. A disabled scaler keeps scale 1 but still skips non-finite steps.
 */
public final class LossScaler {
    private final boolean enabled;
    private final double growth;
    private final double backoff;
    private final int interval;
    private double scale;
    private int goodSteps;

    public LossScaler(boolean enabled, double initScale, double growth, double backoff, int interval) {
        this.enabled = enabled;
        this.growth = growth;
        this.backoff = backoff;
        this.interval = interval;
        this.scale = enabled ? initScale : 1;
    }

    public double scale() {
        return scale;
    }

    public int goodSteps() {
        return goodSteps;
    }

    /** Records the outcome of a step; returns true when the step's update may be applied. */
    public boolean update(boolean finite) {
        if (!finite) {
            if (enabled) {
                scale *= backoff;
            }
            goodSteps = 0;
            return false;
        }
        goodSteps++;
        if (enabled && goodSteps >= interval) {
            scale *= growth;
            goodSteps = 0;
        }
        return true;
    }

    public void restore(double s, int good) {
        this.scale = s;
        this.goodSteps = good;
    }
}
