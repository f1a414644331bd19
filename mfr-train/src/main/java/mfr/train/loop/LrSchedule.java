package mfr.train.loop;

/**
 * insightface's polynomial schedule: linear warm-up to the base rate over {@code warmup} steps, then
 * {@code base * (1 - progress)^power} down to zero at {@code total}. Steps are 1-based.
 */
public record LrSchedule(double base, int warmup, int total, double power) {
    public double at(long step) {
        if (warmup > 0 && step <= warmup) {
            return base * step / warmup;
        }
        double progress = (double) (step - warmup - 1) / Math.max(1, total - warmup);
        return base * Math.pow(Math.max(0, 1 - progress), power);
    }
}
