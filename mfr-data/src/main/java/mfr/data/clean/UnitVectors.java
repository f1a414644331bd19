package mfr.data.clean;

/** Dot products and means of unit vectors: the arithmetic every cleaning step shares, in one place. */
public final class UnitVectors {
    private UnitVectors() {
    }

    public static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The sum of the selected rows (all when {@code mask} is null). */
    public static float[] sum(float[][] rows, boolean[] mask) {
        float[] s = new float[rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            if (mask == null || mask[r]) {
                float[] v = rows[r];
                for (int i = 0; i < s.length; i++) {
                    s[i] += v[i];
                }
            }
        }
        return s;
    }

    /** {@code v} scaled to unit length in place; a zero vector stays zero. */
    public static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += (double) x * x;
        }
        if (n > 0) {
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** Cosine between {@code v} and the normalised {@code sum} minus {@code v} (leave-one-out centre). */
    public static float leaveOneOut(float[] sum, float[] v) {
        double dot = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            double c = sum[i] - v[i];
            dot += c * v[i];
            norm += c * c;
        }
        return norm == 0 ? 0 : (float) (dot / Math.sqrt(norm));
    }
}
