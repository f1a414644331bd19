package mfr.eval.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mfr.eval.metric.ScoreCounts;
import mfr.eval.metric.VerificationMetrics;

/** Per-group and per-pair-type tables of scored pairs, at one global threshold. */
public final class GroupTables {
    private GroupTables() {
    }

    /**
     * Pair types of one attribute: the unordered pair of the two sides' values ("masked-unmasked"). Pairs with an
     * unlabelled side are left out.
     */
    public static List<PairTypeRow> pairTypes(String attribute, double[] scores, boolean[] same, String[] a, String[] b,
                                              double threshold) {
        Map<String, List<Integer>> byType = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            if (a[i] == null || b[i] == null) {
                continue;
            }
            String t = a[i].compareTo(b[i]) <= 0 ? a[i] + "-" + b[i] : b[i] + "-" + a[i];
            byType.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
        }
        List<PairTypeRow> out = new ArrayList<>();
        byType.forEach((type, idx) -> {
            Split s = split(scores, same, idx);
            VerificationMetrics m = VerificationMetrics.of(ScoreCounts.exact(s.genuine, s.impostor), new double[0]);
            long ta = count(s.genuine, threshold, true);
            long tr = count(s.impostor, threshold, false);
            out.add(new PairTypeRow(attribute, type, s.genuine.length, s.impostor.length, m.bestAccuracy(),
                    m.bestThreshold(), (ta + tr) / (double) idx.size(), rate(ta, s.genuine.length),
                    rate(s.impostor.length - tr, s.impostor.length)));
        });
        return out;
    }

    /** Groups of one attribute: pairs whose two sides share the value. */
    public static List<GroupRow> groups(String attribute, double[] scores, boolean[] same, String[] a, String[] b,
                                        double threshold) {
        Map<String, List<Integer>> byValue = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            if (a[i] != null && a[i].equals(b[i])) {
                byValue.computeIfAbsent(a[i], k -> new ArrayList<>()).add(i);
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<String> values = new ArrayList<>();
        byValue.forEach((v, idx) -> {
            Split s = split(scores, same, idx);
            values.add(v);
            rows.add(new double[] {s.genuine.length, s.impostor.length, rate(count(s.genuine, threshold, true),
                    s.genuine.length), rate(count(s.impostor, threshold, true), s.impostor.length)});
        });
        return rows(attribute, values, rows);
    }

    /** Builds rows from (genuine, impostor, tar, far) and fills in the FAR ratios. */
    public static List<GroupRow> rows(String attribute, List<String> values, List<double[]> figures) {
        double minFar = Double.POSITIVE_INFINITY;
        for (double[] f : figures) {
            if (f[3] > 0 && f[3] < minFar) {
                minFar = f[3];
            }
        }
        List<GroupRow> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double[] f = figures.get(i);
            double ratio = Double.isInfinite(minFar) || Double.isNaN(f[3]) ? Double.NaN : f[3] / minFar;
            out.add(new GroupRow(attribute, values.get(i), (long) f[0], (long) f[1], f[2], f[3], ratio));
        }
        return out;
    }

    private record Split(double[] genuine, double[] impostor) {
    }

    private static Split split(double[] scores, boolean[] same, List<Integer> idx) {
        int g = 0;
        for (int i : idx) {
            g += same[i] ? 1 : 0;
        }
        double[] gen = new double[g];
        double[] imp = new double[idx.size() - g];
        int x = 0;
        int y = 0;
        for (int i : idx) {
            if (same[i]) {
                gen[x++] = scores[i];
            } else {
                imp[y++] = scores[i];
            }
        }
        return new Split(gen, imp);
    }

    private static long count(double[] s, double threshold, boolean atOrAbove) {
        long c = 0;
        for (double v : s) {
            if ((v >= threshold) == atOrAbove) {
                c++;
            }
        }
        return c;
    }

    private static double rate(long k, long n) {
        return n == 0 ? Double.NaN : k / (double) n;
    }
}
