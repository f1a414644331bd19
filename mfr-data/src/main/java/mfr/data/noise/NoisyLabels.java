package mfr.data.noise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mfr.data.clean.EmbeddingSet;

/**
 * Label noise injected on purpose, to measure cleaning: a fraction of the identities split in two (half of their
 * samples under a new label), then a fraction of the samples moved to a random other (original) identity. Seeded.
 *
 * @param noisy    the set with noisy labels
 * @param truth    per sample, the true identity name
 * @param moved    per sample, whether it was moved to a wrong identity
 * @param splitOf  split-off label to the identity it came from
 */
public record NoisyLabels(EmbeddingSet noisy, String[] truth, boolean[] moved, Map<String, String> splitOf) {

    public static NoisyLabels inject(EmbeddingSet clean, double moveFraction, double splitFraction, long seed) {
        Random rnd = new Random(seed);
        int n = clean.size();
        int[] labels = clean.labels().clone();
        List<String> names = new ArrayList<>(clean.labelNames());
        String[] truth = new String[n];
        for (int i = 0; i < n; i++) {
            truth[i] = names.get(labels[i]);
        }
        int originals = names.size();
        // Split: a fraction of the identities with 2+ samples.
        Map<Integer, List<Integer>> byLabel = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byLabel.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<Integer> splittable = new ArrayList<>();
        for (int l = 0; l < originals; l++) {
            if (byLabel.getOrDefault(l, List.of()).size() >= 2) {
                splittable.add(l);
            }
        }
        Collections.shuffle(splittable, rnd);
        int toSplit = (int) Math.round(splitFraction * splittable.size());
        Map<String, String> splitOf = new LinkedHashMap<>();
        for (int k = 0; k < toSplit; k++) {
            int l = splittable.get(k);
            List<Integer> samples = new ArrayList<>(byLabel.get(l));
            Collections.shuffle(samples, rnd);
            String name = names.get(l) + "__split";
            int nl = names.size();
            names.add(name);
            splitOf.put(name, names.get(l));
            for (int j = 0; j < samples.size() / 2; j++) {
                labels[samples.get(j)] = nl;
            }
        }
        // Move: a fraction of all samples to a random other original identity.
        boolean[] moved = new boolean[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        int toMove = (int) Math.round(moveFraction * n);
        for (int k = 0; k < toMove; k++) {
            int i = order.get(k);
            int target;
            do {
                target = rnd.nextInt(originals);
            } while (names.get(target).equals(truth[i]));
            labels[i] = target;
            moved[i] = true;
        }
        EmbeddingSet noisy = new EmbeddingSet(clean.items(), labels, names, clean.vectors());
        return new NoisyLabels(noisy, truth, moved, splitOf);
    }

    /** The true identity of a label: split-off labels belong to their origin. */
    public String trueIdentity(String label) {
        return splitOf.getOrDefault(label, label);
    }
}
