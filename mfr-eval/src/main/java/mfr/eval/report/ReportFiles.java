package mfr.eval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mfr.core.io.AtomicFile;
import mfr.eval.group.GroupRow;
import mfr.eval.group.PairTypeRow;
import mfr.eval.metric.Scores;
import mfr.eval.metric.TarAtFar;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.score.ScoreHistogram;

/**
 * Writes a report's files into a folder, each whole or not at all (temporary file, then an atomic rename):
 * {@code report.json}, {@code tar_at_far.csv}, {@code roc.csv}, {@code scores.csv}, {@code pair_types.csv},
 * {@code groups.csv}, {@code roc.png}, {@code scores.png} and {@code report.html} (self-contained).
 */
public final class ReportFiles {
    /** JSON with NaN and infinities written as null. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(Double.TYPE, new FiniteDouble()));

    private ReportFiles() {
    }

    /** Writes every file and returns their paths. */
    public static List<Path> write(EvalReport r, Path dir) {
        List<Path> out = new ArrayList<>();
        byte[] roc = Plots.roc(r);
        byte[] hist = Plots.histograms(r);
        out.add(write(dir.resolve("report.json"), json(r).getBytes(StandardCharsets.UTF_8)));
        out.add(write(dir.resolve("tar_at_far.csv"), tarAtFarCsv(r.verification())));
        out.add(write(dir.resolve("roc.csv"), rocCsv(r.verification())));
        out.add(write(dir.resolve("scores.csv"), scoresCsv(r.scores())));
        if (!r.pairTypes().isEmpty()) {
            out.add(write(dir.resolve("pair_types.csv"), pairTypesCsv(r.pairTypes())));
        }
        if (!r.groups().isEmpty()) {
            out.add(write(dir.resolve("groups.csv"), groupsCsv(r.groups())));
        }
        out.add(write(dir.resolve("roc.png"), roc));
        out.add(write(dir.resolve("scores.png"), hist));
        out.add(write(dir.resolve("report.html"), HtmlReport.render(r, roc, hist).getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] tarAtFarCsv(VerificationMetrics m) {
        StringBuilder b = new StringBuilder("target_far,measurable,threshold,far,tar,note\n");
        for (TarAtFar t : m.tarAtFar()) {
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s%n", t.targetFar(), t.measurable(), num(t.threshold()),
                    num(t.far()), num(t.tar()), t.note() == null ? "" : '"' + t.note() + '"'));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] rocCsv(VerificationMetrics m) {
        StringBuilder b = new StringBuilder("threshold,far,tar\n");
        for (VerificationMetrics.RocPoint p : m.roc()) {
            b.append(num(p.threshold())).append(',').append(num(p.far())).append(',').append(num(p.tar())).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] scoresCsv(Scores s) {
        ScoreHistogram g = s.genuineHistogram(s.plotBins());
        ScoreHistogram im = s.impostorHistogram(s.plotBins());
        StringBuilder b = new StringBuilder("bin_low,bin_high,genuine,impostor\n");
        for (int i = 0; i < g.bins(); i++) {
            b.append(String.format(Locale.ROOT, "%.6f,%.6f,%d,%d%n", g.lower(i), g.lower(i + 1), g.count(i), im.count(i)));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] pairTypesCsv(List<PairTypeRow> rows) {
        StringBuilder b = new StringBuilder("attribute,type,genuine,impostor,best_accuracy,best_threshold,"
                + "accuracy_at_global,tar_at_global,far_at_global\n");
        for (PairTypeRow t : rows) {
            b.append(String.join(",", t.attribute(), t.type(), String.valueOf(t.genuinePairs()),
                    String.valueOf(t.impostorPairs()), num(t.bestAccuracy()), num(t.bestThreshold()),
                    num(t.accuracyAtGlobal()), num(t.tarAtGlobal()), num(t.farAtGlobal()))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] groupsCsv(List<GroupRow> rows) {
        StringBuilder b = new StringBuilder("attribute,group,genuine,impostor,tar,far,far_ratio\n");
        for (GroupRow g : rows) {
            b.append(String.join(",", g.attribute(), g.value(), String.valueOf(g.genuinePairs()),
                    String.valueOf(g.impostorPairs()), num(g.tar()), num(g.far()), num(g.farRatio()))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.valueOf(v);
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static Path write(Path file, byte[] bytes) {
        return AtomicFile.write(file, bytes);
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (v == null || v.isNaN() || v.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(v);
            }
        }
    }
}
