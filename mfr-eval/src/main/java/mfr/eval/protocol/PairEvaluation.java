package mfr.eval.protocol;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mfr.core.dataset.ImagePair;
import mfr.core.metric.Verification;
import mfr.eval.group.GroupRow;
import mfr.eval.group.GroupTables;
import mfr.eval.group.ImageLabels;
import mfr.eval.group.PairTypeRow;
import mfr.eval.metric.Scores;
import mfr.eval.metric.TarAtFar;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.report.EvalReport;

/**
 * Judges a list of pairs from embeddings: every pair scored by cosine similarity; TAR@FAR, EER, best accuracy; k-fold
 * accuracy when the list has folds; per-pair-type and per-group tables for every labelled attribute. A pair with an
 * image that has no embedding scores -2 (rejected whatever the threshold, the NIST convention for failures to
 * enrol), so it counts as a false reject when genuine.
 */
public final class PairEvaluation {
    /** Score given to a pair with an image that has no embedding. */
    public static final double FAILURE_SCORE = -2;

    /**
     * Options of the evaluation.
     *
     * @param threshold global threshold for the tables, or null to choose one
     * @param groupFar  the FAR whose threshold is the global one when {@code threshold} is null (falls back to the
     *                  best-accuracy threshold when it is not measurable)
     */
    public record Options(Double threshold, double groupFar) {
        public static Options defaults() {
            return new Options(null, 1e-3);
        }
    }

    private PairEvaluation() {
    }

    public static EvalReport evaluate(String protocol, Path root, String model, List<ImagePair> pairs,
                                      Map<Path, float[]> vectors, Map<Path, String> failures, ImageLabels labels,
                                      Options options, Map<String, Object> settings) {
        if (vectors.isEmpty()) {
            String first = failures.isEmpty() ? "" : " (e.g. " + failures.entrySet().iterator().next().getValue() + ")";
            throw new mfr.core.error.MfrException(mfr.core.error.ErrorCode.NO_FACE,
                    "no image could be embedded" + first + ": check the image folder and the model");
        }
        int n = pairs.size();
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        int[] fold = new int[n];
        int g = 0;
        for (int i = 0; i < n; i++) {
            ImagePair p = pairs.get(i);
            float[] a = vectors.get(p.first());
            float[] b = vectors.get(p.second());
            scores[i] = a == null || b == null ? FAILURE_SCORE : dot(a, b);
            same[i] = p.same();
            fold[i] = p.fold();
            g += same[i] ? 1 : 0;
        }
        double[] gen = new double[g];
        double[] imp = new double[n - g];
        for (int i = 0, x = 0, y = 0; i < n; i++) {
            if (same[i]) {
                gen[x++] = scores[i];
            } else {
                imp[y++] = scores[i];
            }
        }
        Scores sc = Scores.exact(gen, imp);
        VerificationMetrics vm = sc.metrics();
        int folds = PairProtocols.folds(pairs);
        EvalReport.KFold kf = null;
        if (folds > 1) {
            double[] r = Verification.kFold(scores, same, fold, folds);
            kf = new EvalReport.KFold(folds, r[0], r[1]);
        }
        double threshold;
        String rule;
        if (options.threshold() != null) {
            threshold = options.threshold();
            rule = "given";
        } else {
            TarAtFar t = TarAtFar.of(sc.counts(), options.groupFar());
            if (t.measurable()) {
                threshold = t.threshold();
                rule = "FAR " + options.groupFar() + " over all pairs";
            } else {
                threshold = vm.bestThreshold();
                rule = "best accuracy over all pairs (FAR " + options.groupFar() + " not measurable)";
            }
        }
        List<PairTypeRow> types = new ArrayList<>();
        List<GroupRow> groups = new ArrayList<>();
        if (labels != null) {
            for (String attr : labels.attributes()) {
                String[] la = new String[n];
                String[] lb = new String[n];
                for (int i = 0; i < n; i++) {
                    la[i] = labels.get(root, pairs.get(i).first(), attr);
                    lb[i] = labels.get(root, pairs.get(i).second(), attr);
                }
                types.addAll(GroupTables.pairTypes(attr, scores, same, la, lb, threshold));
                groups.addAll(GroupTables.groups(attr, scores, same, la, lb, threshold));
            }
        }
        Set<Path> images = new HashSet<>();
        pairs.forEach(p -> {
            images.add(p.first());
            images.add(p.second());
        });
        List<String> failureList = failures.entrySet().stream().filter(e -> images.contains(e.getKey()))
                .map(e -> e.getValue().contains(e.getKey().getFileName().toString()) ? e.getValue()
                        : e.getKey() + ": " + e.getValue())
                .sorted().toList();
        return new EvalReport(protocol, root.toString(), model, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                settings, images.size(), failureList.size(), failureList.subList(0, Math.min(20, failureList.size())),
                kf, threshold, rule, vm, types, groups, null, sc);
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of dimensions " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
