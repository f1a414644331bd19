package mfr.mask.classify;

import java.util.List;

/**
 * Binary logistic regression on standardised features: {@code p = sigmoid(w . (x - mean) / std + b)}, fitted by
 * full-batch gradient descent with Adam and an L2 penalty. Small and exactly reproducible (no randomness in fitting).
 */
public record LogisticModel(float[] mean, float[] std, float[] weights, double bias) implements MaskModel {

    @Override
    public double probability(float[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + x.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * (x[i] - mean[i]) / std[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Fits on rows {@code x} with labels {@code y} (true = masked). */
    public static LogisticModel fit(List<float[]> x, boolean[] y, double l2, int iterations) {
        int n = x.size();
        int d = x.get(0).length;
        float[] mean = new float[d];
        float[] std = new float[d];
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            std[j] = (float) Math.max(1e-6, Math.sqrt(std[j]));
        }
        float[][] z = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x.get(i)[j] - mean[j]) / std[j];
            }
        }
        double[] w = new double[d];
        double b = 0;
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double lr = 0.05;
        double b1 = 0.9;
        double b2 = 0.999;
        double[] g = new double[d + 1];
        for (int it = 1; it <= iterations; it++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int j = 0; j < d; j++) {
                    s += w[j] * z[i][j];
                }
                double p = 1 / (1 + Math.exp(-s));
                double e = p - (y[i] ? 1 : 0);
                for (int j = 0; j < d; j++) {
                    g[j] += e * z[i][j] / n;
                }
                g[d] += e / n;
            }
            for (int j = 0; j < d; j++) {
                g[j] += l2 * w[j];
            }
            for (int j = 0; j <= d; j++) {
                m[j] = b1 * m[j] + (1 - b1) * g[j];
                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
                double mh = m[j] / (1 - Math.pow(b1, it));
                double vh = v[j] / (1 - Math.pow(b2, it));
                double step = lr * mh / (Math.sqrt(vh) + 1e-8);
                if (j < d) {
                    w[j] -= step;
                } else {
                    b -= step;
                }
            }
        }
        float[] wf = new float[d];
        for (int j = 0; j < d; j++) {
            wf[j] = (float) w[j];
        }
        return new LogisticModel(mean, std, wf, b);
    }

}
