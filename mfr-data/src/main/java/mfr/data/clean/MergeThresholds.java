package mfr.data.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Merge thresholds from a target false-merge rate and the impostor distribution of identity centres, one per size
 * class of a pair's smaller identity.
 */
final class MergeThresholds {
    /** Impostor pairs sampled per size class. */
    static final int SAMPLES = 200_000;

    private MergeThresholds() {
    }

    /** Size class of an identity for merging: 0 for one sample, 1 for two, 2 for three or more. */
    static int sizeClass(int samples) {
        return Math.min(samples, 3) - 1;
    }

    /**
     * Merge thresholds for a target false-merge rate per pair of distinct identities, one per size class of the
     * pair's smaller identity (a centre of one photo scatters far more than a centre of ten). Each comes from the
     * impostor distribution of centre cosines in its class (random pairs of identities): a Gaussian tail fitted
     * robustly, median plus z(1 - rate) times 1.4826 MAD, so the few true duplicates among the sampled pairs (what
     * cleaning is looking for) do not drag it up. Never below the split threshold plus 0.1, so a split is not merged
     * straight back; a class with too few identities to sample takes the strictest threshold measured.
     */
    static double[] derive(float[][] centres, int[] size, CleanConfig c) {
        int k = centres.length;
        double z = inverseNormal(1 - mergeRate(c, k));
        double floor = c.splitThreshold() + 0.1;
        List<List<Integer>> atLeast = new ArrayList<>();
        List<List<Integer>> exactly = new ArrayList<>();
        for (int cls = 0; cls < 3; cls++) {
            atLeast.add(new ArrayList<>());
            exactly.add(new ArrayList<>());
        }
        for (int i = 0; i < k; i++) {
            int cls = sizeClass(size[i]);
            exactly.get(cls).add(i);
            for (int lower = 0; lower <= cls; lower++) {
                atLeast.get(lower).add(i);
            }
        }
        double[] out = new double[3];
        Random rnd = new Random(c.seed());
        for (int cls = 0; cls < 3; cls++) {
            List<Integer> small = exactly.get(cls);
            List<Integer> other = atLeast.get(cls);
            if (small.isEmpty() || other.size() < 2 || (long) small.size() * other.size() < 100) {
                out[cls] = Double.NaN;
                continue;
            }
            int samples = (int) Math.min((long) small.size() * (other.size() - 1), SAMPLES);
            float[] sims = new float[samples];
            for (int s = 0; s < samples; s++) {
                int a;
                int b;
                do {
                    a = small.get(rnd.nextInt(small.size()));
                    b = other.get(rnd.nextInt(other.size()));
                } while (a == b);
                sims[s] = UnitVectors.dot(centres[a], centres[b]);
            }
            out[cls] = Math.max(floor, robustTail(sims, z));
        }
        // A class without identities to sample takes the strictest threshold measured (1 when none could be).
        double fallback = Arrays.stream(out).filter(d -> !Double.isNaN(d)).max().orElse(1);
        for (int cls = 0; cls < 3; cls++) {
            if (Double.isNaN(out[cls])) {
                out[cls] = fallback;
            }
        }
        return out;
    }

    private static double robustTail(float[] sims, double z) {
        Arrays.sort(sims);
        int n = sims.length;
        double median = sims[n / 2];
        float[] dev = new float[n];
        for (int i = 0; i < n; i++) {
            dev[i] = (float) Math.abs(sims[i] - median);
        }
        Arrays.sort(dev);
        return median + z * 1.4826 * dev[n / 2];
    }

    /** The per-pair false-merge rate: the configured one, or 0.1 expected false merges among all pairs of k. */
    static double mergeRate(CleanConfig c, int k) {
        return Double.isNaN(c.mergeRate()) ? Math.min(0.01, 0.1 / ((double) k * (k - 1) / 2)) : c.mergeRate();
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] cc = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((cc[0] * q + cc[1]) * q + cc[2]) * q + cc[3]) * q + cc[4]) * q + cc[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

}
