package mfr.data.noise;

import java.util.HashMap;
import java.util.Map;
import mfr.data.clean.CleanResult;
import mfr.data.clean.SampleStatus;

/**
 * How well cleaning undid injected noise.
 *
 * @param flagged          samples removed as wrong (outlier, minor cluster)
 * @param moved            samples that had been moved
 * @param movedFound       moved samples among the flagged
 * @param splitIdentities  identities that had been split
 * @param splitsRemerged   splits whose two halves end under one label
 * @param merges           identity merges performed
 * @param correctMerges    merges joining labels of the same true person
 */
public record NoiseScore(long flagged, long moved, long movedFound, int splitIdentities, int splitsRemerged,
                         int merges, int correctMerges) {

    public double movedPrecision() {
        return flagged == 0 ? 1 : movedFound / (double) flagged;
    }

    public double movedRecall() {
        return moved == 0 ? 1 : movedFound / (double) moved;
    }

    public double remergeRate() {
        return splitIdentities == 0 ? 1 : splitsRemerged / (double) splitIdentities;
    }

    public double mergePrecision() {
        return merges == 0 ? 1 : correctMerges / (double) merges;
    }

    public static NoiseScore of(NoisyLabels noise, CleanResult r) {
        long flagged = 0;
        long moved = 0;
        long found = 0;
        for (int i = 0; i < r.status().length; i++) {
            boolean wrong = r.status()[i] == SampleStatus.OUTLIER || r.status()[i] == SampleStatus.MINOR_CLUSTER;
            flagged += wrong ? 1 : 0;
            moved += noise.moved()[i] ? 1 : 0;
            found += wrong && noise.moved()[i] ? 1 : 0;
        }
        // Final label of each (noisy) label: where its kept, correctly-labelled samples ended up.
        Map<String, String> finalOf = new HashMap<>();
        var noisy = noise.noisy();
        for (int i = 0; i < noisy.size(); i++) {
            if (r.finalLabel()[i] != null && !noise.moved()[i]) {
                finalOf.putIfAbsent(noisy.labelNames().get(noisy.labels()[i]), r.finalLabel()[i]);
            }
        }
        int remerged = 0;
        for (Map.Entry<String, String> s : noise.splitOf().entrySet()) {
            String a = finalOf.get(s.getKey());
            String b = finalOf.get(s.getValue());
            if (a != null && a.equals(b)) {
                remerged++;
            }
        }
        int merges = 0;
        int correct = 0;
        for (Map.Entry<String, String> m : r.merges().entrySet()) {
            merges++;
            String from = m.getKey();
            String to = m.getValue();
            if (noise.trueIdentity(base(from)).equals(noise.trueIdentity(base(to)))) {
                correct++;
            }
        }
        return new NoiseScore(flagged, moved, found, noise.splitOf().size(), remerged, merges, correct);
    }

    /** Labels created by cleaning's own splits ("name#splitN") belong to their origin. */
    private static String base(String label) {
        int i = label.indexOf("#split");
        return i < 0 ? label : label.substring(0, i);
    }
}
