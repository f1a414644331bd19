package mfr.eval.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.nio.file.Path;
import mfr.eval.metric.ScoreCounts;
import mfr.eval.metric.TarAtFar;

/**
 * 1:N identification on an identity set: identities are shuffled (seeded) and a fraction held out; every other
 * identity with at least two embedded images enrols its first image; its other images are mated searches and every
 * image of a held-out identity is a non-mated search. Rank-1 and TPIR at FPIR, as in NIST FRVT 1:N.
 */
public final class Identification {
    /** FPIRs reported. */
    public static final double[] FPIRS = {1e-1, 1e-2, 1e-3};

    private Identification() {
    }

    public static IdentificationResult evaluate(IdentitySet set, Map<Path, float[]> vectors, double heldOut, long seed) {
        List<List<float[]>> byId = new ArrayList<>();
        for (int i = 0; i < set.identities().size(); i++) {
            byId.add(new ArrayList<>());
        }
        for (int i = 0; i < set.images().size(); i++) {
            float[] v = vectors.get(set.images().get(i));
            if (v != null) {
                byId.get(set.labels()[i]).add(v);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < byId.size(); i++) {
            if (!byId.get(i).isEmpty()) {
                order.add(i);
            }
        }
        Collections.shuffle(order, new Random(seed));
        int hold = (int) Math.round(heldOut * order.size());
        List<float[]> gallery = new ArrayList<>();
        List<Integer> galleryId = new ArrayList<>();
        List<float[]> mated = new ArrayList<>();
        List<Integer> matedId = new ArrayList<>();
        List<float[]> nonMated = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            int id = order.get(k);
            List<float[]> imgs = byId.get(id);
            if (k < hold) {
                nonMated.addAll(imgs);
            } else if (imgs.size() >= 2) {
                gallery.add(imgs.get(0));
                galleryId.add(id);
                for (int j = 1; j < imgs.size(); j++) {
                    mated.add(imgs.get(j));
                    matedId.add(id);
                }
            }
        }
        int rank1 = 0;
        double[] matedScores = new double[mated.size()];
        for (int q = 0; q < mated.size(); q++) {
            int[] best = new int[1];
            double s = best(mated.get(q), gallery, best);
            boolean hit = !gallery.isEmpty() && galleryId.get(best[0]).equals(matedId.get(q));
            rank1 += hit ? 1 : 0;
            matedScores[q] = hit ? s : Double.NEGATIVE_INFINITY;
        }
        double[] nonMatedScores = new double[nonMated.size()];
        for (int q = 0; q < nonMated.size(); q++) {
            nonMatedScores[q] = best(nonMated.get(q), gallery, new int[1]);
        }
        // Mated searches that missed rank 1 sort below every threshold: a TPIR miss whatever it is.
        double floor = -4;
        for (int q = 0; q < matedScores.length; q++) {
            if (Double.isInfinite(matedScores[q])) {
                matedScores[q] = floor;
            }
        }
        ScoreCounts counts = ScoreCounts.exact(matedScores, nonMatedScores);
        List<IdentificationResult.TpirAtFpir> ops = new ArrayList<>();
        for (double f : FPIRS) {
            TarAtFar t = TarAtFar.of(counts, f);
            ops.add(new IdentificationResult.TpirAtFpir(f, t.measurable(), t.threshold(), t.tar(),
                    t.note() == null ? null : t.note().replace("impostor pairs", "non-mated searches")));
        }
        return new IdentificationResult(gallery.size(), mated.size(), nonMated.size(),
                mated.isEmpty() ? Double.NaN : rank1 / (double) mated.size(), ops);
    }

    private static double best(float[] probe, List<float[]> gallery, int[] index) {
        double best = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < gallery.size(); g++) {
            float[] v = gallery.get(g);
            float s = 0;
            for (int k = 0; k < v.length; k++) {
                s += probe[k] * v[k];
            }
            if (s > best) {
                best = s;
                index[0] = g;
            }
        }
        return gallery.isEmpty() ? -4 : best;
    }

}
