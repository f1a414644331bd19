package mfr.mask.eval;

/** Count, mean and standard deviation of a sample. */
public record Summary(int n, double mean, double std) {
    public static Summary of(double[] v) {
        if (v.length == 0) {
            return new Summary(0, Double.NaN, Double.NaN);
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        double m = s / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return new Summary(v.length, m, Math.sqrt(ss / Math.max(1, v.length - 1)));
    }
}
