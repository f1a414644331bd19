package mfr.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.eval.group.PairTypeRow;
import mfr.eval.metric.TarAtFar;
import mfr.eval.report.EvalReport;
import mfr.eval.report.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tradeoff", mixinStandardHelpOptions = true,
        header = "Masked/unmasked trade-off table of several embedders.",
        description = {"The paper's balance, measured: for each embedder, LFW View 2 (unmasked) 10-fold accuracy and",
            "TAR at FAR 1e-3, LFW mask-to-nonmask (second image of each pair synthetically masked, seeded) 10-fold",
            "accuracy and TAR at FAR 1e-3, and MFR2 (real masks) accuracy over all pairs, TAR at FAR 1e-2, and the",
            "best accuracy and TAR at the global threshold of each pair type. Embeddings are cached per model, so a",
            "rerun only scores. Prints a Markdown table; --json prints the numbers; --output also writes the table.",
            "Example: mfr eval tradeoff --embedder fr_feature --embedder fr_mask_robust --output docs/tradeoff.md"})
final class EvalTradeoffCommand implements Callable<Integer> {
    @Option(names = "--embedder", paramLabel = "ID", required = true,
            description = "embedding model id from 'mfr models list' (repeatable; one row each)")
    List<String> embedders;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "row label for the embedder at the same position (repeatable; default: the id)")
    List<String> labels = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "also write the Markdown table to FILE")
    Path output;

    @Option(names = "--json", description = "print the figures as JSON instead of the table")
    boolean json;

    /** One embedder's figures. */
    record Row(String label, String model, double lfw, double lfwStd, Double lfwTar3, double m2n, double m2nStd,
               Double m2nTar3, double mfr2All, Double mfr2Tar2, Map<String, PairTypeRow> mfr2Types) {
    }

    @Override
    public Integer call() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < embedders.size(); i++) {
            String id = embedders.get(i);
            String label = i < labels.size() ? labels.get(i) : id;
            System.err.println("mfr: " + label + ": LFW");
            EvalReport lfw = run(new EvalLfwCommand(), id, false);
            System.err.println("mfr: " + label + ": LFW mask-to-nonmask");
            EvalReport m2n = run(new EvalLfwCommand(), id, true);
            System.err.println("mfr: " + label + ": MFR2");
            EvalReport mfr2 = run(new EvalMfr2Command(), id, false);
            Map<String, PairTypeRow> types = new LinkedHashMap<>();
            for (PairTypeRow t : mfr2.pairTypes()) {
                if (t.attribute().equals("mask")) {
                    types.put(t.type(), t);
                }
            }
            rows.add(new Row(label, lfw.model(), lfw.kFold().mean(), lfw.kFold().std(), tar(lfw, 1e-3),
                    m2n.kFold().mean(), m2n.kFold().std(), tar(m2n, 1e-3), mfr2.verification().bestAccuracy(),
                    tar(mfr2, 1e-2), types));
        }
        if (json) {
            System.out.println(Json.write(rows));
        } else {
            String table = table(rows);
            System.out.print(table);
            if (output != null) {
                ReportFiles.write(output, table.getBytes(StandardCharsets.UTF_8));
                System.err.println("mfr: wrote " + output.toAbsolutePath());
            }
        }
        return 0;
    }

    private static EvalReport run(PairsEvalBase cmd, String embedder, boolean maskOneSide) {
        List<String> args = new ArrayList<>(List.of("--embedder", embedder));
        if (maskOneSide) {
            args.add("--mask-one-side");
        }
        return PairsEvalBase.evaluate(cmd, args);
    }

    private static Double tar(EvalReport r, double far) {
        for (TarAtFar t : r.verification().tarAtFar()) {
            if (Math.abs(t.targetFar() - far) < far * 1e-6 && t.measurable()) {
                return t.tar();
            }
        }
        return null;
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| model | LFW 10-fold | LFW TAR@1e-3 | LFW mask-to-nonmask 10-fold | m2n TAR@1e-3 | MFR2 all pairs"
                + " | MFR2 TAR@1e-2 | MFR2 masked-unmasked (TAR at global) | masked-masked (TAR) | unmasked-unmasked"
                + " (TAR) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f %% ± %.2f | %s | %.2f %% ± %.2f | %s | %s | %s | %s | %s"
                            + " | %s |%n", r.label(), 100 * r.lfw(), 100 * r.lfwStd(), pct(r.lfwTar3()), 100 * r.m2n(),
                    100 * r.m2nStd(), pct(r.m2nTar3()), pct(r.mfr2All()), pct(r.mfr2Tar2()),
                    type(r, "masked-unmasked"), type(r, "masked-masked"), type(r, "unmasked-unmasked")));
        }
        b.append("\nModel versions: ");
        for (int i = 0; i < rows.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('`').append(rows.get(i).model()).append('`');
        }
        b.append(". MFR2 pair types: best accuracy at the type's own threshold, TAR at the threshold best over all"
                + " pairs.\n");
        return b.toString();
    }

    private static String type(Row r, String type) {
        PairTypeRow t = r.mfr2Types().get(type);
        return t == null ? "-" : String.format(Locale.ROOT, "%.2f %% (%.1f %%)", 100 * t.bestAccuracy(),
                100 * t.tarAtGlobal());
    }

    private static String pct(Double v) {
        return v == null ? "n/m" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
}
