package mfr.eval.protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import mfr.eval.group.GroupRow;
import mfr.eval.group.GroupTables;
import mfr.eval.group.ImageLabels;
import mfr.eval.metric.ScoreCounts;
import mfr.eval.metric.Scores;
import mfr.eval.metric.TarAtFar;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.report.EvalReport;
import mfr.eval.score.AllPairsScorer;

/**
 * All-vs-all verification on an identity set, as the MFR challenge evaluates: every genuine and every impostor pair
 * of the embedded images, scored by {@link AllPairsScorer} into histograms. Images without an embedding are left
 * out (and counted). Per-group tables score each group's images all-vs-all among themselves.
 */
public final class SetEvaluation {
    private SetEvaluation() {
    }

    public static EvalReport evaluate(IdentitySet set, String model, Map<Path, float[]> vectors,
                                      Map<Path, String> failures, ImageLabels labels, PairEvaluation.Options options,
                                      AllPairsScorer.Settings scorer, Map<String, Object> settings,
                                      LongConsumer progress) {
        if (vectors.isEmpty()) {
            String first = failures.isEmpty() ? "" : " (e.g. " + failures.entrySet().iterator().next().getValue() + ")";
            throw new mfr.core.error.MfrException(mfr.core.error.ErrorCode.NO_FACE,
                    "no image could be embedded" + first + ": check the image folder and the model");
        }
        List<Integer> rows = new ArrayList<>();
        int d = -1;
        for (int i = 0; i < set.images().size(); i++) {
            float[] v = vectors.get(set.images().get(i));
            if (v != null) {
                rows.add(i);
                d = v.length;
            }
        }
        AllPairsScorer.Result all = score(set, vectors, rows, d, scorer, progress);
        Scores sc = Scores.histograms(all.genuine(), all.impostor());
        ScoreCounts counts = sc.counts();
        VerificationMetrics vm = VerificationMetrics.of(counts);
        double threshold;
        String rule;
        if (options.threshold() != null) {
            threshold = options.threshold();
            rule = "given";
        } else {
            TarAtFar t = TarAtFar.of(counts, options.groupFar());
            threshold = t.measurable() ? t.threshold() : vm.bestThreshold();
            rule = t.measurable() ? "FAR " + options.groupFar() + " over all pairs"
                    : "best accuracy over all pairs (FAR " + options.groupFar() + " not measurable)";
        }
        List<GroupRow> groups = new ArrayList<>();
        if (labels != null) {
            for (String attr : labels.attributes()) {
                Map<String, List<Integer>> byValue = new TreeMap<>();
                for (int i : rows) {
                    String v = labels.get(set.root(), set.images().get(i), attr);
                    if (v != null) {
                        byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                    }
                }
                List<String> values = new ArrayList<>();
                List<double[]> figures = new ArrayList<>();
                for (Map.Entry<String, List<Integer>> e : byValue.entrySet()) {
                    AllPairsScorer.Result r = score(set, vectors, e.getValue(), d, scorer, x -> { });
                    ScoreCounts c = ScoreCounts.of(r.genuine(), r.impostor());
                    int k = c.indexAt(threshold);
                    values.add(e.getKey());
                    figures.add(new double[] {c.genuineTotal(), c.impostorTotal(), c.tar(k), c.far(k)});
                }
                groups.addAll(GroupTables.rows(attr, values, figures));
            }
        }
        Map<String, Object> s = new java.util.LinkedHashMap<>(settings);
        s.put("kernel", all.kernel());
        s.put("scoringThreads", all.threads());
        s.put("scoringSeconds", Math.round(all.seconds() * 1000) / 1000.0);
        s.put("histogramBins", all.genuine().bins());
        s.put("identities", set.identities().size());
        List<String> failureList = failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted()
                .toList();
        return new EvalReport("identity set, all vs all", set.root().toString(), model,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), s, set.images().size(), failureList.size(),
                failureList.subList(0, Math.min(20, failureList.size())), null, threshold, rule, vm, List.of(), groups,
                null, sc);
    }

    private static AllPairsScorer.Result score(IdentitySet set, Map<Path, float[]> vectors, List<Integer> rows, int d,
                                               AllPairsScorer.Settings scorer, LongConsumer progress) {
        int n = rows.size();
        float[] data = new float[Math.max(0, n * Math.max(d, 0))];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            int i = rows.get(r);
            System.arraycopy(vectors.get(set.images().get(i)), 0, data, r * d, d);
            labels[r] = set.labels()[i];
        }
        return AllPairsScorer.score(data, n, Math.max(d, 1), labels, scorer, progress);
    }
}
