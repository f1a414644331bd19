package mfr.mask.eval;

import java.util.Arrays;

/** The two-sample Kolmogorov–Smirnov test: the largest gap between two empirical distribution functions. */
public final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {
    }

    /** D = sup |F_a(x) - F_b(x)|, in [0, 1]. */
    public static double statistic(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Asymptotic p-value of D for sample sizes n and m (Kolmogorov distribution with Stephens' correction). */
    public static double pValue(double d, int n, int m) {
        double ne = (double) n * m / (n + m);
        double sq = Math.sqrt(ne);
        double lambda = (sq + 0.12 + 0.11 / sq) * d;
        if (lambda < 1e-3) {
            return 1;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = 2 * (k % 2 == 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
        }
        return Math.max(0, Math.min(1, sum));
    }
}
