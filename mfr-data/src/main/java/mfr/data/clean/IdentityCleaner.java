package mfr.data.clean;

import java.util.Arrays;

/**
 * Intra-class cleaning of one identity, a pure function of its samples (so the local and Spark engines give the same
 * answer): split or reduce an identity holding two strong clusters, then flag samples far from their part's robust
 * centre, then (optionally) near-duplicates.
 *
 * <p>The robust centre is re-estimated from inliers until stable; each inlier is judged against the centre of the
 * other inliers (leave-one-out), so a sample never vouches for itself. An identity part of one sample cannot be judged
 * and is kept; a part with no two samples agreeing loses all of them.
 */
public final class IdentityCleaner {
    private static final int MAX_ITERATIONS = 20;

    private IdentityCleaner() {
    }

    public static SampleStatus[] clean(float[][] v, CleanConfig c) {
        int n = v.length;
        SampleStatus[] status = new SampleStatus[n];
        Arrays.fill(status, SampleStatus.KEPT);
        boolean[] second = twoClusters(v, c);
        if (second != null) {
            for (int i = 0; i < n; i++) {
                if (second[i]) {
                    status[i] = c.splitMode() == CleanConfig.SplitMode.SPLIT ? SampleStatus.SPLIT_OFF
                            : SampleStatus.MINOR_CLUSTER;
                }
            }
        }
        for (SampleStatus part : new SampleStatus[] {SampleStatus.KEPT, SampleStatus.SPLIT_OFF}) {
            boolean[] in = new boolean[n];
            for (int i = 0; i < n; i++) {
                in[i] = status[i] == part;
            }
            boolean[] outliers = outliers(v, in, c.outlierThreshold());
            for (int i = 0; i < n; i++) {
                if (outliers[i]) {
                    status[i] = SampleStatus.OUTLIER;
                }
            }
            if (c.dedup()) {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n && status[i] == part; j++) {
                        if (status[j] == part && UnitVectors.dot(v[i], v[j]) >= c.duplicateThreshold()) {
                            status[j] = SampleStatus.DUPLICATE;
                        }
                    }
                }
            }
        }
        return status;
    }

    /** Outliers among the samples selected by {@code part}: iterated leave-one-out test against the inlier centre. */
    static boolean[] outliers(float[][] v, boolean[] part, double threshold) {
        int n = v.length;
        boolean[] out = new boolean[n];
        int size = 0;
        for (boolean b : part) {
            size += b ? 1 : 0;
        }
        if (size < 2) {
            return out;
        }
        boolean[] inlier = part.clone();
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            float[] sum = UnitVectors.sum(v, inlier);
            float[] centre = UnitVectors.normalize(sum.clone());
            boolean[] next = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (!part[i]) {
                    continue;
                }
                float s = inlier[i] ? UnitVectors.leaveOneOut(sum, v[i]) : UnitVectors.dot(centre, v[i]);
                next[i] = s >= threshold;
                any |= next[i];
            }
            if (Arrays.equals(next, inlier) || !any) {
                inlier = next;
                break;
            }
            inlier = next;
        }
        for (int i = 0; i < n; i++) {
            out[i] = part[i] && !inlier[i];
        }
        return out;
    }

    /**
     * The minor cluster of a spherical 2-means, when the identity holds two strong clusters: both at least
     * {@code minClusterSize}, each coherent (mean leave-one-out cosine at least the outlier threshold) and their centres
     * further apart than {@code splitThreshold}. Null otherwise.
     */
    static boolean[] twoClusters(float[][] v, CleanConfig c) {
        int n = v.length;
        if (n < 2 * c.minClusterSize()) {
            return null;
        }
        float[] centre = UnitVectors.normalize(UnitVectors.sum(v, null));
        int a = argMin(v, centre);
        int b = argMin(v, v[a]);
        float[] ca = v[a].clone();
        float[] cb = v[b].clone();
        boolean[] inB = new boolean[n];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean[] next = new boolean[n];
            for (int i = 0; i < n; i++) {
                next[i] = UnitVectors.dot(v[i], cb) > UnitVectors.dot(v[i], ca);
            }
            boolean[] notNext = invert(next);
            ca = UnitVectors.normalize(UnitVectors.sum(v, notNext));
            cb = UnitVectors.normalize(UnitVectors.sum(v, next));
            boolean same = Arrays.equals(next, inB);
            inB = next;
            if (same) {
                break;
            }
        }
        int sizeB = count(inB);
        int sizeA = n - sizeB;
        if (Math.min(sizeA, sizeB) < c.minClusterSize() || UnitVectors.dot(ca, cb) >= c.splitThreshold()) {
            return null;
        }
        boolean[] inA = invert(inB);
        if (coherence(v, inA) < c.outlierThreshold() || coherence(v, inB) < c.outlierThreshold()) {
            return null;
        }
        // The minor cluster is the smaller one; on a tie, the one without sample 0.
        boolean bIsMinor = sizeB < sizeA || (sizeB == sizeA && !inB[0]);
        return bIsMinor ? inB : inA;
    }

    private static double coherence(float[][] v, boolean[] sel) {
        float[] sum = UnitVectors.sum(v, sel);
        double total = 0;
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if (sel[i]) {
                total += UnitVectors.leaveOneOut(sum, v[i]);
                k++;
            }
        }
        return k == 0 ? 0 : total / k;
    }

    private static int argMin(float[][] v, float[] ref) {
        int best = 0;
        float min = Float.MAX_VALUE;
        for (int i = 0; i < v.length; i++) {
            float d = UnitVectors.dot(v[i], ref);
            if (d < min) {
                min = d;
                best = i;
            }
        }
        return best;
    }

    private static boolean[] invert(boolean[] b) {
        boolean[] r = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = !b[i];
        }
        return r;
    }

    private static int count(boolean[] b) {
        int k = 0;
        for (boolean x : b) {
            k += x ? 1 : 0;
        }
        return k;
    }
}
