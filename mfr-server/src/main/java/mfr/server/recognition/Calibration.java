package mfr.server.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Thresholds for target false-accept rates, from impostor scores: every pair of a set of embeddings of different
 * people. With N impostor pairs, the threshold for FAR f is the smallest score that at most floor(f N) impostor
 * pairs reach, so it is meaningful only when f N is well above 1 (say f >= 10 / N).
 */
public final class Calibration {
    private Calibration() {
    }

    /** Impostor scores of all pairs of {@code vectors} (one per person), sorted descending. */
    public static float[] impostorScores(List<float[]> vectors) {
        int n = vectors.size();
        float[] out = new float[(int) ((long) n * (n - 1) / 2)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            float[] a = vectors.get(i);
            for (int j = i + 1; j < n; j++) {
                float[] b = vectors.get(j);
                float s = 0;
                for (int d = 0; d < a.length; d++) {
                    s += a[d] * b[d];
                }
                out[k++] = s;
            }
        }
        Arrays.sort(out);
        for (int i = 0, j = out.length - 1; i < j; i++, j--) {
            float t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /**
     * Impostor scores of a masked face against an unmasked face of another person: {@code masked.get(i)} and
     * {@code plain.get(i)} are the same person (the same photo, masked or not), so every ordered pair i != j counts,
     * N(N-1) in all. Sorted descending.
     */
    public static float[] crossImpostorScores(List<float[]> masked, List<float[]> plain) {
        if (masked.size() != plain.size()) {
            throw new IllegalArgumentException(masked.size() + " masked and " + plain.size() + " unmasked vectors");
        }
        int n = masked.size();
        float[] out = new float[Math.toIntExact((long) n * (n - 1))];
        int k = 0;
        for (int i = 0; i < n; i++) {
            float[] a = masked.get(i);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    float[] b = plain.get(j);
                    float s = 0;
                    for (int d = 0; d < a.length; d++) {
                        s += a[d] * b[d];
                    }
                    out[k++] = s;
                }
            }
        }
        descending(out);
        return out;
    }

    private static void descending(float[] out) {
        Arrays.sort(out);
        for (int i = 0, j = out.length - 1; i < j; i++, j--) {
            float t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
    }

    /** The threshold reaching FAR {@code far} on {@code descending} impostor scores. */
    public static double threshold(float[] descending, double far) {
        int m = (int) Math.floor(far * descending.length);
        if (m >= descending.length) {
            return -1;
        }
        return Math.nextUp(descending[m]);
    }

    /** Fraction of genuine scores at or above the threshold (true-accept rate). */
    public static double tar(float[] genuine, double threshold) {
        int n = 0;
        for (float g : genuine) {
            if (g >= threshold) {
                n++;
            }
        }
        return genuine.length == 0 ? Double.NaN : (double) n / genuine.length;
    }

    /** Operating points for each FAR with enough impostor pairs; the default is the one named {@code defaultName}. */
    public static OperatingPoints points(String modelId, float[] impostors, float[] genuine, double[] fars,
                                         String defaultName, String data) {
        List<OperatingPoint> out = list(impostors, genuine, fars, data);
        String def = out.stream().anyMatch(p -> p.name().equals(defaultName)) ? defaultName : out.get(0).name();
        return new OperatingPoints(modelId, def, out);
    }

    /** An operating point for each FAR with at least 10 impostor pairs. */
    public static List<OperatingPoint> list(float[] impostors, float[] genuine, double[] fars, String data) {
        List<OperatingPoint> out = new ArrayList<>();
        for (double far : fars) {
            if (far * impostors.length < 10) {
                continue;
            }
            double t = threshold(impostors, far);
            out.add(new OperatingPoint(name(far), far, Math.round(t * 10000) / 10000.0, String.format(Locale.ROOT,
                    "%s: %,d impostor pairs; TAR %.4f on %d genuine pairs", data, impostors.length, tar(genuine, t),
                    genuine.length)));
        }
        return out;
    }

    public static String name(double far) {
        int exp = (int) Math.round(Math.log10(far));
        double mant = far / Math.pow(10, exp);
        return Math.abs(mant - 1) < 1e-9 ? "far-1e" + exp : String.format(Locale.ROOT, "far-%se%d", mant, exp);
    }
}
