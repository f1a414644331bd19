package mfr.eval.report;

import java.util.Locale;
import mfr.eval.group.GroupRow;
import mfr.eval.group.PairTypeRow;
import mfr.eval.metric.TarAtFar;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.protocol.IdentificationResult;

/** The report as plain-text tables for the terminal. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(EvalReport r) {
        StringBuilder b = new StringBuilder();
        VerificationMetrics m = r.verification();
        line(b, "%s: %s", r.protocol(), r.dataset());
        line(b, "model %s, %d images (%d without an embedding), %d genuine and %d impostor pairs%s", r.model(),
                r.images(), r.failedImages(), m.genuinePairs(), m.impostorPairs(),
                m.exact() ? "" : " (histogram thresholds)");
        if (r.kFold() != null) {
            line(b, "%d-fold accuracy: %.2f %% +- %.2f", r.kFold().folds(), 100 * r.kFold().mean(), 100 * r.kFold().std());
        }
        line(b, "best accuracy: %.2f %% at threshold %.4f;  EER %.2f %% at %.4f", 100 * m.bestAccuracy(),
                m.bestThreshold(), 100 * m.eer(), m.eerThreshold());
        b.append('\n');
        line(b, "%-10s %-10s %-10s %s", "FAR", "TAR", "threshold", "FAR reached");
        for (TarAtFar t : m.tarAtFar()) {
            if (t.measurable()) {
                line(b, "%-10s %-10s %-10s %.2e", sci(t.targetFar()), pct(t.tar()), fmt(t.threshold()), t.far());
            } else {
                line(b, "%-10s %s", sci(t.targetFar()), t.note());
            }
        }
        if (!r.pairTypes().isEmpty()) {
            b.append('\n');
            line(b, "pair types (threshold for 'at global' %.4f: %s)", r.threshold(), r.thresholdRule());
            int w = r.pairTypes().stream().mapToInt(t -> t.type().length()).max().orElse(0);
            String fmt = "%-12s %-" + Math.max(20, w) + "s %8s %8s %10s %10s %10s %10s";
            line(b, fmt, "attribute", "type", "genuine", "impostor", "best acc", "acc@global", "TAR@global", "FAR@global");
            for (PairTypeRow t : r.pairTypes()) {
                line(b, fmt.replace("%8s %8s", "%8d %8d"), t.attribute(), t.type(), t.genuinePairs(),
                        t.impostorPairs(), pct(t.bestAccuracy()), pct(t.accuracyAtGlobal()), pct(t.tarAtGlobal()),
                        pct(t.farAtGlobal()));
            }
        }
        if (!r.groups().isEmpty()) {
            b.append('\n');
            line(b, "groups: both images in the group (threshold %.4f: %s)", r.threshold(), r.thresholdRule());
            line(b, "%-12s %-16s %10s %12s %10s %12s %10s", "attribute", "group", "genuine", "impostor", "TAR", "FAR",
                    "FAR ratio");
            for (GroupRow g : r.groups()) {
                line(b, "%-12s %-16s %10d %12d %10s %12s %10s", g.attribute(), g.value(), g.genuinePairs(),
                        g.impostorPairs(), pct(g.tar()), Double.isNaN(g.far()) ? "-" : String.format(Locale.ROOT, "%.2e",
                        g.far()), Double.isNaN(g.farRatio()) ? "-" : String.format(Locale.ROOT, "%.2f", g.farRatio()));
            }
        }
        IdentificationResult id = r.identification();
        if (id != null) {
            b.append('\n');
            line(b, "1:N identification: %d enrolled, %d mated and %d non-mated searches", id.galleryIdentities(),
                    id.matedSearches(), id.nonMatedSearches());
            line(b, "rank-1: %s", pct(id.rank1()));
            for (IdentificationResult.TpirAtFpir t : id.tpirAtFpir()) {
                if (t.measurable()) {
                    line(b, "TPIR at FPIR %s: %s (threshold %s)", sci(t.fpir()), pct(t.tpir()), fmt(t.threshold()));
                } else {
                    line(b, "TPIR at FPIR %s: %s", sci(t.fpir()), t.note());
                }
            }
        }
        if (r.failedImages() > 0) {
            b.append('\n');
            line(b, "%d images without an embedding, e.g. %s", r.failedImages(), r.failures().get(0));
        }
        return b.toString();
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.0e", v);
    }

    static String fmt(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void line(StringBuilder b, String fmt, Object... args) {
        b.append(String.format(Locale.ROOT, fmt, args)).append('\n');
    }
}
