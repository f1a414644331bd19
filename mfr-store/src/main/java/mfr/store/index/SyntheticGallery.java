package mfr.store.index;

import java.util.SplittableRandom;

/**
 * Unit vectors shaped like a face gallery: identities (random unit centres), each with several templates scattered
 * around its centre. With {@code spread} s, a template's cosine to its centre is about 1/sqrt(1+s^2) and two templates
 * of one identity about 1/(1+s^2) (0.6 at s = 0.82, like real genuine pairs), while different identities stay near 0.
 * Probes are fresh samples of enrolled identities. Deterministic for a seed.
 *
 * <p>With {@code impostorStd} 0 the centres are isotropic: impostor cosines have a standard deviation of about
 * 1/sqrt(dim), 0.044 at 512 dims, far narrower than a real model's (fr_feature's LFW impostors: about 0.12),
 * because real embeddings use far fewer than their 512 directions. A positive {@code impostorStd} gives the centres a
 * decaying spectrum (coordinate d has variance exp(-d / tau), an effective dimension of about 2 tau) with tau chosen so
 * that impostor templates have about that standard deviation.
 */
public final class SyntheticGallery {
    private final int dim;
    private final int identities;
    private final int perIdentity;
    private final double spread;
    private final long seed;
    private final double[] scale;

    public SyntheticGallery(int dim, int identities, int perIdentity, double spread, long seed) {
        this(dim, identities, perIdentity, spread, 0, seed);
    }

    public SyntheticGallery(int dim, int identities, int perIdentity, double spread, double impostorStd, long seed) {
        this.dim = dim;
        this.identities = identities;
        this.perIdentity = perIdentity;
        this.spread = spread;
        this.seed = seed;
        this.scale = new double[dim];
        // impostor template cosine: (c1.c2 + c1.n2 + n1.c2 + n1.n2) / (1 + s^2), with |n|^2 = s^2 spread over dim
        // directions; the centre term has variance 1 / (effective dims) = 1 / (2 tau)
        double s2 = spread * spread;
        double centreVar = Math.max(1.0 / dim, impostorStd * impostorStd * (1 + s2) * (1 + s2) - (2 * s2 + s2 * s2) / dim);
        double tau = impostorStd > 0 ? Math.max(1, 0.5 / centreVar) : Double.POSITIVE_INFINITY;
        for (int d = 0; d < dim; d++) {
            scale[d] = Math.exp(-d / (2 * tau));
        }
    }

    public int size() {
        return identities * perIdentity;
    }

    /** Identity of template {@code i}. */
    public int identityOf(int i) {
        return i / perIdentity;
    }

    /** Template {@code i}, recomputed on each call (the gallery is never held twice). */
    public float[] template(int i) {
        return around(centre(identityOf(i)), new SplittableRandom(seed * 31 + 17 + i));
    }

    /** Probe {@code j}: a new sample of a random enrolled identity. */
    public float[] probe(int j) {
        SplittableRandom r = new SplittableRandom(seed * 131 + 1_000_003L * (j + 1));
        return around(centre(r.nextInt(identities)), r);
    }

    private float[] centre(int identity) {
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (identity + 1)));
        float[] c = new float[dim];
        for (int d = 0; d < dim; d++) {
            c[d] = (float) (scale[d] * gaussian(r));
        }
        return normalise(c);
    }

    private float[] around(float[] centre, SplittableRandom r) {
        float[] v = new float[dim];
        double scale = spread / Math.sqrt(dim);
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (centre[d] + scale * gaussian(r));
        }
        return normalise(v);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
