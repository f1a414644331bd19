package mfr.core.metric;

/**
 * A measured proportion (k successes in n trials) with its Wilson score interval, the interval that stays honest near
 * 0 and 1 and for small n (an accuracy of 177/182 is not known to a tenth of a percent).
 *
 * @param k     successes
 * @param n     trials
 * @param low   lower end of the 95 % interval
 * @param high  upper end of the 95 % interval
 */
public record Proportion(int k, int n, double low, double high) {
    private static final double Z95 = 1.959963984540054;

    public static Proportion of(int k, int n) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
        if (n == 0) {
            return new Proportion(0, 0, 0, 1);
        }
        double p = k / (double) n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Proportion(k, n, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double value() {
        return n == 0 ? Double.NaN : k / (double) n;
    }
}
