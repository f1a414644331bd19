package mfr.core.metric;

import java.util.Arrays;

/**
 * Verification accuracy from similarity scores and same/different labels: the best threshold, accuracy at a given
 * threshold, and k-fold accuracy where each fold is judged at the threshold chosen on the other folds (LFW's protocol).
 */
public final class Verification {
    private Verification() {
    }

    /** Fraction of pairs decided right when "same" means score >= threshold. */
    public static double accuracy(double[] scores, boolean[] same, double threshold) {
        int ok = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((scores[i] >= threshold) == same[i]) {
                ok++;
            }
        }
        return scores.length == 0 ? 0 : ok / (double) scores.length;
    }

    /** The threshold with the highest accuracy, halfway between neighbouring scores. */
    public static double bestThreshold(double[] scores, boolean[] same) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double best = sorted.length == 0 ? 0 : sorted[0] - 1e-6;
        double bestAcc = accuracy(scores, same, best);
        // Sweep candidate thresholds between consecutive distinct scores; O(n log n) via counts.
        int n = scores.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        int positives = 0;
        for (boolean s : same) {
            if (s) {
                positives++;
            }
        }
        // Threshold below everything: all predicted same -> correct = positives.
        int correct = positives;
        for (int k = 0; k < n; k++) {
            // Move idx[k] to "different".
            correct += same[idx[k]] ? -1 : 1;
            boolean boundary = k == n - 1 || scores[idx[k + 1]] > scores[idx[k]];
            if (boundary && correct / (double) n > bestAcc) {
                bestAcc = correct / (double) n;
                best = k == n - 1 ? scores[idx[k]] + 1e-6 : (scores[idx[k]] + scores[idx[k + 1]]) / 2;
            }
        }
        return best;
    }

    /** Mean and standard deviation of per-fold accuracy, each fold at the best threshold of the others. */
    public static double[] kFold(double[] scores, boolean[] same, int[] fold, int folds) {
        double[] acc = new double[folds];
        for (int f = 0; f < folds; f++) {
            int nTrain = 0;
            int nTest = 0;
            for (int v : fold) {
                if (v == f) {
                    nTest++;
                } else {
                    nTrain++;
                }
            }
            double[] trS = new double[nTrain];
            boolean[] trY = new boolean[nTrain];
            double[] teS = new double[nTest];
            boolean[] teY = new boolean[nTest];
            int a = 0;
            int b = 0;
            for (int i = 0; i < scores.length; i++) {
                if (fold[i] == f) {
                    teS[b] = scores[i];
                    teY[b++] = same[i];
                } else {
                    trS[a] = scores[i];
                    trY[a++] = same[i];
                }
            }
            acc[f] = accuracy(teS, teY, bestThreshold(trS, trY));
        }
        double mean = Arrays.stream(acc).average().orElse(0);
        double var = Arrays.stream(acc).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, folds - 1);
        return new double[] {mean, Math.sqrt(var)};
    }
}
