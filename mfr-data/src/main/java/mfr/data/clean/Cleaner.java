package mfr.data.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mfr.data.index.CoarseQuantizer;

/**
 * Iterative cleaning, the paper's data-noise pillar, driven by a model's own embeddings. Each round: intra-class
 * cleaning of every identity (outliers, two-cluster identities, duplicates), then inter-class merging of identities
 * whose robust centres are closer than the merge threshold, found by approximate neighbour search over the centres.
 * Rounds repeat until nothing changes. Removals are final, so the process always ends.
 */
public final class Cleaner {
    private final CleaningEngine engine;
    private final CleanConfig config;
    private final Consumer<String> log;

    public Cleaner(CleaningEngine engine, CleanConfig config, Consumer<String> log) {
        this.engine = engine;
        this.config = config;
        this.log = log;
    }

    public CleanResult clean(EmbeddingSet set) {
        int n = set.size();
        SampleStatus[] status = new SampleStatus[n];
        Arrays.fill(status, SampleStatus.KEPT);
        List<String> names = new ArrayList<>(set.labelNames());
        int[] label = set.labels().clone();
        Map<String, String> merges = new LinkedHashMap<>();
        Map<String, String> splits = new LinkedHashMap<>();
        Map<Integer, String> relabelled = new LinkedHashMap<>();
        List<CleanResult.Round> rounds = new ArrayList<>();
        double[] thresholds = null;
        boolean[] rescued = new boolean[n];
        boolean[] settled = new boolean[n]; // relabelled once: never moved again
        for (int round = 1; round <= config.maxRounds(); round++) {
            long t0 = System.nanoTime();
            // Intra-class.
            List<int[]> members = membersByLabel(label, status, names.size());
            List<Integer> labelsWithSamples = new ArrayList<>();
            List<float[][]> identities = new ArrayList<>();
            for (int l = 0; l < members.size(); l++) {
                int[] m = members.get(l);
                if (m.length > 0) {
                    labelsWithSamples.add(l);
                    float[][] v = new float[m.length][];
                    for (int k = 0; k < m.length; k++) {
                        v[k] = set.vectors()[m[k]];
                    }
                    identities.add(v);
                }
            }
            List<SampleStatus[]> outcome = engine.cleanIdentities(identities, config);
            List<Integer> flaggedNow = new ArrayList<>();
            int outliers = 0;
            int dups = 0;
            int newSplits = 0;
            int minor = 0;
            for (int k = 0; k < identities.size(); k++) {
                int l = labelsWithSamples.get(k);
                int[] m = members.get(l);
                SampleStatus[] s = outcome.get(k);
                int splitLabel = -1;
                for (int j = 0; j < m.length; j++) {
                    switch (s[j]) {
                        case OUTLIER -> outliers++;
                        case DUPLICATE -> dups++;
                        case MINOR_CLUSTER -> minor++;
                        case SPLIT_OFF -> {
                            if (splitLabel < 0) {
                                String name = names.get(l) + "#split" + round;
                                splitLabel = names.size();
                                names.add(name);
                                splits.put(name, names.get(l));
                                newSplits++;
                            }
                            label[m[j]] = splitLabel;
                            status[m[j]] = SampleStatus.SPLIT_OFF; // kept, under its new label
                        }
                        default -> { }
                    }
                    if (s[j] == SampleStatus.OUTLIER && rescued[m[j]]) {
                        outliers--; // rescued in an earlier round: its label still has no consensus, it stays
                    } else if (s[j].removed()) {
                        status[m[j]] = s[j];
                        relabelled.remove(m[j]); // joined an identity in an earlier round, an outlier of it now
                        if (s[j] == SampleStatus.OUTLIER) {
                            flaggedNow.add(m[j]);
                        }
                    }
                }
            }
            // Inter-class: the centres of the identities that kept samples.
            members = membersByLabel(label, status, names.size());
            List<Integer> live = liveLabels(members);
            float[][] centres = centres(set, members, live);
            if (thresholds == null) {
                thresholds = thresholds(centres, sizes(members, live));
            }
            // Rescue: a label whose samples all failed (no two agree) cannot tell a right photo from a wrong one. A
            // sample of it that resembles no other identity's centre stays (its label may be right); one that matches
            // another identity is that person's photo: it joins that identity (config.relabel()) or stays removed.
            NearestCentres index = new NearestCentres(centres, config.seed(), config.nprobe());
            int[] rescuedNow = rescue(set, label, status, flaggedNow, members, live, centres, index, thresholds[0]);
            for (int i : flaggedNow) {
                if (status[i] == SampleStatus.RELABELLED) {
                    relabelled.put(i, names.get(label[i]));
                    settled[i] = true;
                }
            }
            for (int i : flaggedNow) {
                rescued[i] |= status[i] == SampleStatus.KEPT;
            }
            outliers -= rescuedNow[0] + rescuedNow[1];
            if (rescuedNow[0] + rescuedNow[1] > 0) {
                members = membersByLabel(label, status, names.size());
                live = liveLabels(members);
                centres = centres(set, members, live);
            }
            // A label of two samples that agree only weakly: one of them that matches another identity better than
            // it matches its partner, at the single-sample merge threshold, is that identity's photo and joins it.
            // Otherwise its centre lies halfway between two people and may merge one of them into the other.
            index = index.on(centres, config.seed());
            int pairMoves = config.relabel() ? reassignPairs(set, label, status, members, live, centres, index,
                    thresholds[0], settled, names, relabelled) : 0;
            if (pairMoves > 0) {
                members = membersByLabel(label, status, names.size());
                live = liveLabels(members);
                centres = centres(set, members, live);
            }
            int relabelledNow = rescuedNow[1] + pairMoves;
            int[] centreSize = sizes(members, live);
            double lowest = Math.min(thresholds[0], Math.min(thresholds[1], thresholds[2]));
            index = index.on(centres, config.seed());
            long[] candidates = centres.length < 2 ? new long[0]
                    : engine.candidatePairs(centres, index.quantizer(), config.nprobe(), lowest);
            // Each pair is judged at the threshold of its smaller identity's size class.
            long[] pairs = judge(candidates, centres, centreSize, thresholds);
            pairs = consistent(pairs, set, members, live, config.crossRatio());
            pairs = noNewOutliers(pairs, set, members, live, config.outlierThreshold());
            int[] parent = new int[centres.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            int[] size = new int[centres.length];
            for (int i = 0; i < size.length; i++) {
                size[i] = members.get(live.get(i)).length;
            }
            for (long p : pairs) {
                union(parent, size, names, live, (int) (p >>> 32), (int) p);
            }
            int merged = 0;
            int dropped = 0;
            for (int i = 0; i < centres.length; i++) {
                int root = find(parent, i);
                if (root == i) {
                    continue;
                }
                String from = names.get(live.get(i));
                String to = names.get(live.get(root));
                for (int s : members.get(live.get(i))) {
                    if (config.mergeMode() == CleanConfig.MergeMode.MERGE) {
                        label[s] = live.get(root);
                    } else {
                        status[s] = SampleStatus.DROPPED_IDENTITY;
                    }
                }
                merges.put(from, to);
                if (config.mergeMode() == CleanConfig.MergeMode.MERGE) {
                    merged++;
                } else {
                    dropped++;
                }
            }
            CleanResult.Round r = new CleanResult.Round(round, outliers, dups, newSplits, minor, relabelledNow, merged,
                    dropped, pairs.length, (System.nanoTime() - t0) / 1e9);
            rounds.add(r);
            log.accept(String.format(java.util.Locale.ROOT,
                    "round %d [%s]: %d outliers, %d duplicates, %d splits, %d minor clusters, %d relabelled, %d merges,"
                            + " %d dropped identities (%d candidate pairs) in %.1f s", round, engine.name(), outliers,
                    dups, newSplits, minor, relabelledNow, merged, dropped, pairs.length, r.seconds()));
            if (!r.changed()) {
                break;
            }
        }
        // Merged labels are resolved transitively at the end (a label merged in round 1 may see its target merged later).
        String[] finalLabel = new String[n];
        for (int i = 0; i < n; i++) {
            finalLabel[i] = status[i].removed() ? null : names.get(label[i]);
        }
        return new CleanResult(status, finalLabel, merges, splits, relabelled,
                thresholds == null ? new double[3] : thresholds, rounds);
    }

    /** Union by identity size (larger wins; ties: smaller label name), so the result does not depend on pair order. */
    private static void union(int[] parent, int[] size, List<String> names, List<Integer> live, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return;
        }
        boolean aWins = size[ra] > size[rb] || (size[ra] == size[rb]
                && names.get(live.get(ra)).compareTo(names.get(live.get(rb))) <= 0);
        int win = aWins ? ra : rb;
        int lose = aWins ? rb : ra;
        parent[lose] = win;
        size[win] += size[lose];
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static List<int[]> membersByLabel(int[] label, SampleStatus[] status, int labels) {
        int[] count = new int[labels];
        for (int i = 0; i < label.length; i++) {
            if (!status[i].removed()) {
                count[label[i]]++;
            }
        }
        List<int[]> out = new ArrayList<>(labels);
        for (int l = 0; l < labels; l++) {
            out.add(new int[count[l]]);
        }
        int[] fill = new int[labels];
        for (int i = 0; i < label.length; i++) {
            if (!status[i].removed()) {
                out.get(label[i])[fill[label[i]]++] = i;
            }
        }
        return out;
    }

    /** The candidate pairs whose cosine reaches the threshold of the pair's smaller identity's size class. */
    private static long[] judge(long[] candidates, float[][] centres, int[] size, double[] thresholds) {
        return Arrays.stream(candidates).filter(p -> {
            int a = (int) (p >>> 32);
            int b = (int) p;
            return UnitVectors.dot(centres[a], centres[b]) >= thresholds[MergeThresholds.sizeClass(Math.min(size[a], size[b]))];
        }).toArray();
    }

    /**
     * Keeps the pairs whose samples agree across as well as inside: the mean cosine between a sample of one identity
     * and a sample of the other must reach {@code ratio} times the mean cosine inside them (inside means of
     * identities with 2+ samples; pairs of single samples pass). Two lookalikes have close centres but look less
     * alike across than each person looks like himself; the two halves of one person do not.
     */
    private static long[] consistent(long[] pairs, EmbeddingSet set, List<int[]> members, List<Integer> live,
                                     double ratio) {
        if (ratio <= 0 || pairs.length == 0) {
            return pairs;
        }
        float[][] sums = new float[live.size()][];
        int[] n = new int[live.size()];
        for (int i = 0; i < sums.length; i++) {
            int[] m = members.get(live.get(i));
            float[][] v = new float[m.length][];
            for (int k = 0; k < m.length; k++) {
                v[k] = set.vectors()[m[k]];
            }
            sums[i] = UnitVectors.sum(v, null);
            n[i] = m.length;
        }
        return Arrays.stream(pairs).filter(p -> {
            int a = (int) (p >>> 32);
            int b = (int) p;
            double cross = UnitVectors.dot(sums[a], sums[b]) / ((double) n[a] * n[b]);
            double inside = 0;
            int k = 0;
            for (int x : new int[] {a, b}) {
                if (n[x] >= 2) {
                    // Mean pairwise cosine of unit vectors from their sum: (|sum|^2 - n) / (n (n - 1)).
                    inside += (UnitVectors.dot(sums[x], sums[x]) - n[x]) / ((double) n[x] * (n[x] - 1));
                    k++;
                }
            }
            return k == 0 || cross >= ratio * inside / k;
        }).toArray();
    }

    /**
     * Keeps the pairs whose union holds no outlier: every sample of the two identities must reach the outlier
     * threshold against the centre of the union's other samples, as intra-class cleaning would judge it after the
     * merge. A label holding one photo of the other identity (a wrong label its intra-class test could not catch,
     * typically one right and one wrong photo of two) has a centre halfway to that identity; its own right photo
     * would be an outlier of the merged identity, so the merge is refused.
     */
    private static long[] noNewOutliers(long[] pairs, EmbeddingSet set, List<int[]> members, List<Integer> live,
                                        double threshold) {
        return Arrays.stream(pairs).filter(p -> {
            int[] a = members.get(live.get((int) (p >>> 32)));
            int[] b = members.get(live.get((int) p));
            float[][] v = new float[a.length + b.length][];
            for (int k = 0; k < a.length; k++) {
                v[k] = set.vectors()[a[k]];
            }
            for (int k = 0; k < b.length; k++) {
                v[a.length + k] = set.vectors()[b[k]];
            }
            float[] sum = UnitVectors.sum(v, null);
            for (float[] x : v) {
                float[] others = sum.clone();
                for (int d = 0; d < others.length; d++) {
                    others[d] -= x[d];
                }
                if (UnitVectors.dot(x, UnitVectors.normalize(others)) < threshold) {
                    return false;
                }
            }
            return true;
        }).toArray();
    }

    private double[] thresholds(float[][] centres, int[] centreSize) {
        double[] t = Double.isNaN(config.mergeThreshold())
                ? MergeThresholds.derive(centres, centreSize, config)
                : new double[] {config.mergeThreshold(), config.mergeThreshold(), config.mergeThreshold()};
        log.accept(String.format(java.util.Locale.ROOT,
                "merge thresholds %.4f / %.4f / %.4f (smaller identity of 1 / 2 / 3+ samples)%s", t[0], t[1], t[2],
                Double.isNaN(config.mergeThreshold()) ? String.format(java.util.Locale.ROOT,
                        ", derived from a false-merge rate of %.1e per pair of %d identities",
                        MergeThresholds.mergeRate(config, centres.length), centres.length) : ""));
        return t;
    }

    private static List<Integer> liveLabels(List<int[]> members) {
        List<Integer> live = new ArrayList<>();
        for (int l = 0; l < members.size(); l++) {
            if (members.get(l).length > 0) {
                live.add(l);
            }
        }
        return live;
    }

    private static float[][] centres(EmbeddingSet set, List<int[]> members, List<Integer> live) {
        float[][] out = new float[live.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] m = members.get(live.get(i));
            float[][] v = new float[m.length][];
            for (int k = 0; k < m.length; k++) {
                v[k] = set.vectors()[m[k]];
            }
            out[i] = UnitVectors.normalize(UnitVectors.sum(v, null));
        }
        return out;
    }

    private static int[] sizes(List<int[]> members, List<Integer> live) {
        int[] out = new int[live.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = members.get(live.get(i)).length;
        }
        return out;
    }

    /**
     * For every label of exactly two kept samples (neither moved before): a sample whose best match among the other
     * identities' centres reaches {@code threshold} and beats its cosine to its partner joins that identity, unless
     * its partner would move too (then the label as a whole is a merge candidate). Both samples are judged on the
     * same centres. Returns how many moved.
     */
    private int reassignPairs(EmbeddingSet set, int[] label, SampleStatus[] status, List<int[]> members,
                              List<Integer> live, float[][] centres, NearestCentres near, double threshold,
                              boolean[] settled, List<String> names, Map<Integer, String> relabelled) {
        int moved = 0;
        for (int c = 0; c < live.size(); c++) {
            int[] m = members.get(live.get(c));
            if (m.length != 2 || settled[m[0]] || settled[m[1]]) {
                continue;
            }
            double partner = UnitVectors.dot(set.vectors()[m[0]], set.vectors()[m[1]]);
            int[] to = new int[2];
            for (int k = 0; k < 2; k++) {
                float[] v = set.vectors()[m[k]];
                int best = near.best(v, c);
                to[k] = best >= 0 && UnitVectors.dot(v, centres[best]) >= threshold
                        && UnitVectors.dot(v, centres[best]) > partner ? best : -1;
            }
            if (to[0] >= 0 && to[1] >= 0) {
                continue; // both belong elsewhere: that is a merge of the label, judged as one
            }
            for (int k = 0; k < 2; k++) {
                if (to[k] >= 0) {
                    label[m[k]] = live.get(to[k]);
                    status[m[k]] = SampleStatus.RELABELLED;
                    settled[m[k]] = true;
                    relabelled.put(m[k], names.get(label[m[k]]));
                    moved++;
                }
            }
        }
        return moved;
    }

    /**
     * The identity centres of one moment of a round with their coarse quantizer: the nearest centre of a vector is
     * searched in the quantizer's {@code nprobe} nearest cells. Training the quantizer is deterministic, so one index
     * serves the rescue, the pair reassignment and the candidate search as long as the centres are the same array.
     */
    private static final class NearestCentres {
        private final float[][] centres;
        private final CoarseQuantizer q;
        private List<List<Integer>> cells;
        private final int nprobe;

        NearestCentres(float[][] centres, long seed, int nprobe) {
            this.centres = centres;
            this.nprobe = nprobe;
            this.q = centres.length == 0 ? null : CoarseQuantizer.train(centres, seed);
        }

        /** This index if it was built on {@code c}, else a new one. */
        NearestCentres on(float[][] c, long seed) {
            return c == centres ? this : new NearestCentres(c, seed, nprobe);
        }

        CoarseQuantizer quantizer() {
            return q;
        }

        /** Index of the centre with the highest cosine to {@code v}, other than {@code exclude}; -1 if none. */
        int best(float[] v, int exclude) {
            double best = Double.NEGATIVE_INFINITY;
            int bestCentre = -1;
            if (q == null) {
                return -1;
            }
            if (cells == null) {
                cells = new ArrayList<>();
                for (int c = 0; c < q.size(); c++) {
                    cells.add(new ArrayList<>());
                }
                for (int i = 0; i < centres.length; i++) {
                    cells.get(q.assign(centres[i], 1)[0]).add(i);
                }
            }
            for (int c : q.assign(v, nprobe)) {
                for (int k : cells.get(c)) {
                    if (k == exclude) {
                        continue;
                    }
                    double d = UnitVectors.dot(v, centres[k]);
                    // Ties go to the lower index, so the result does not depend on the order of the cells.
                    if (d > best || (d == best && k < bestCentre)) {
                        best = d;
                        bestCentre = k;
                    }
                }
            }
            return bestCentre;
        }
    }

    /**
     * The samples flagged this round whose label kept nothing: one that matches no live identity's centre at
     * {@code threshold} or above (searched through the coarse quantizer's nearest cells) is restored; one that does
     * joins the best-matching identity when {@code relabel} is set. Returns how many of each.
     */
    private int[] rescue(EmbeddingSet set, int[] label, SampleStatus[] status, List<Integer> flagged,
                         List<int[]> members, List<Integer> live, float[][] centres, NearestCentres near,
                         double threshold) {
        List<Integer> orphans = new ArrayList<>();
        for (int i : flagged) {
            if (members.get(label[i]).length == 0) {
                orphans.add(i);
            }
        }
        if (orphans.isEmpty()) {
            return new int[2];
        }
        int restored = 0;
        int relabelled = 0;
        for (int i : orphans) {
            int bestCentre = near.best(set.vectors()[i], -1);
            double best = bestCentre < 0 ? -1 : UnitVectors.dot(set.vectors()[i], centres[bestCentre]);
            if (best < threshold) {
                status[i] = SampleStatus.KEPT;
                restored++;
            } else if (config.relabel()) {
                label[i] = live.get(bestCentre);
                status[i] = SampleStatus.RELABELLED;
                relabelled++;
            }
        }
        return new int[] {restored, relabelled};
    }
}
