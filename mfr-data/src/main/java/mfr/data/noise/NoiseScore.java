package mfr.data.noise;

import java.util.HashMap;
import java.util.Map;
import mfr.data.clean.CleanResult;
import mfr.data.clean.SampleStatus;

/**
 * How well cleaning undid injected noise.
 *
 * @param flagged          samples found wrongly labelled: removed (outlier, minor cluster) or relabelled into an
 *                         identity where its label's own kept samples did not end
 * @param moved            samples that had been moved
 * @param movedFound       moved samples among the flagged
 * @param splitIdentities  identities that had been split and whose halves both kept a correctly labelled sample
 * @param splitsRemerged   splits whose two halves end under one label
 * @param merges           identity merges performed
 * @param correctMerges    merges joining labels whose kept samples show the same person (by majority)
 * @param relabelled       samples given another identity's label
 * @param correctRelabels  ... whose new label's kept samples show the sample's own person (by majority)
 */
public record NoiseScore(long flagged, long moved, long movedFound, int splitIdentities, int splitsRemerged,
                         int merges, int correctMerges, int relabelled, int correctRelabels) {

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
        var noisy = noise.noisy();
        // Where each label's own kept samples ended (after splits and merges); cleaning knows this, not the truth.
        Map<String, java.util.Set<String>> home = new HashMap<>();
        for (int i = 0; i < noisy.size(); i++) {
            if (r.finalLabel()[i] != null && r.status()[i] != SampleStatus.RELABELLED) {
                home.computeIfAbsent(noisy.labelNames().get(noisy.labels()[i]), k -> new java.util.HashSet<>())
                        .add(r.finalLabel()[i]);
            }
        }
        for (int i = 0; i < r.status().length; i++) {
            // Found wrong: removed as an outlier or minor cluster, or relabelled into an identity its label's own
            // samples did not end in (a sample moved between two halves of one person that are merged in the end
            // was not called wrong).
            boolean wrong = r.status()[i] == SampleStatus.OUTLIER || r.status()[i] == SampleStatus.MINOR_CLUSTER
                    || (r.status()[i] == SampleStatus.RELABELLED && !home.getOrDefault(
                            noisy.labelNames().get(noisy.labels()[i]), java.util.Set.of()).contains(r.finalLabel()[i]));
            flagged += wrong ? 1 : 0;
            moved += noise.moved()[i] ? 1 : 0;
            found += wrong && noise.moved()[i] ? 1 : 0;
        }
        // Final label of each (noisy) label: where its kept, correctly-labelled samples ended up.
        Map<String, String> finalOf = new HashMap<>();
        for (int i = 0; i < noisy.size(); i++) {
            if (r.finalLabel()[i] != null && !noise.moved()[i]) {
                finalOf.putIfAbsent(noisy.labelNames().get(noisy.labels()[i]), r.finalLabel()[i]);
            }
        }
        // A split counts when both halves still hold a correctly labelled sample after the moves (a half whose every
        // image was moved away has nothing left to re-merge).
        java.util.Set<String> holdsTrueSample = new java.util.HashSet<>();
        for (int i = 0; i < noisy.size(); i++) {
            if (!noise.moved()[i]) {
                holdsTrueSample.add(noisy.labelNames().get(noisy.labels()[i]));
            }
        }
        int splits = 0;
        int remerged = 0;
        for (Map.Entry<String, String> s : noise.splitOf().entrySet()) {
            if (!holdsTrueSample.contains(s.getKey()) || !holdsTrueSample.contains(s.getValue())) {
                continue;
            }
            splits++;
            String a = finalOf.get(s.getKey());
            String b = finalOf.get(s.getValue());
            if (a != null && a.equals(b)) {
                remerged++;
            }
        }
        // A merge is judged by the people in the images: the majority true identity of the kept samples of each side.
        Map<String, String> person = majorityPerson(noise, r);
        int merges = 0;
        int correct = 0;
        for (Map.Entry<String, String> m : r.merges().entrySet()) {
            merges++;
            String a = person.get(m.getKey());
            String b = person.get(m.getValue());
            if (a != null && a.equals(b)) {
                correct++;
            }
        }
        int correctRelabels = 0;
        for (Map.Entry<Integer, String> e : r.relabelled().entrySet()) {
            correctRelabels += noise.truth()[e.getKey()].equals(person.get(e.getValue())) ? 1 : 0;
        }
        return new NoiseScore(flagged, moved, found, splits, remerged, merges, correct, r.relabelled().size(),
                correctRelabels);
    }

    /**
     * For every label as cleaning saw it when merging (noisy labels, labels created by its own splits; a relabelled
     * sample counts under the label it joined), the true person most of its kept samples show.
     */
    public static Map<String, String> majorityPerson(NoisyLabels noise, CleanResult r) {
        var noisy = noise.noisy();
        Map<String, String> splitLabelOf = new HashMap<>();
        r.splits().forEach((split, origin) -> splitLabelOf.putIfAbsent(origin, split));
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        for (int i = 0; i < noisy.size(); i++) {
            if (r.status()[i].removed()) {
                continue;
            }
            String label = noisy.labelNames().get(noisy.labels()[i]);
            if (r.status()[i] == SampleStatus.SPLIT_OFF) {
                label = splitLabelOf.getOrDefault(label, label);
            } else if (r.status()[i] == SampleStatus.RELABELLED) {
                label = r.relabelled().get(i);
            }
            votes.computeIfAbsent(label, k -> new HashMap<>()).merge(noise.truth()[i], 1, Integer::sum);
        }
        Map<String, String> out = new HashMap<>();
        votes.forEach((label, v) -> out.put(label, v.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey()));
        return out;
    }
}
