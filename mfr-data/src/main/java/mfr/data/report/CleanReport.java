package mfr.data.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.image.ContactSheet;
import mfr.core.image.ImageLoader;
import mfr.core.image.Resampler;
import mfr.core.image.RgbImage;
import mfr.core.io.AtomicFile;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleanResult;
import mfr.data.clean.EmbeddingSet;
import mfr.data.clean.SampleStatus;

/**
 * Writes what cleaning decided: {@code cleaned.csv} (path,label of every kept sample), {@code removed.csv}
 * (path,label,status), {@code relabelled.csv} (path,label,joined: samples given another identity's label),
 * {@code report.json}, contact sheets {@code removed.png}, {@code merged.png} and {@code relabelled.png}, and one
 * self-contained {@code report.html}. Each file is written whole or not at all. A summary holding {@code iterations}
 * (one map per round of {@code mfr clean --rounds}) gets a table of the rounds in the HTML.
 */
public final class CleanReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SHEET_MAX = 60;
    private static final int THUMB = 96;

    private CleanReport() {
    }

    public static Map<String, Object> summary(EmbeddingSet set, CleanResult r, CleanConfig config, String engine) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        m.put("config", config.describe());
        m.put("samples", set.size());
        m.put("identities", set.labelNames().size());
        m.put("kept", r.kept());
        Map<String, Long> removed = new LinkedHashMap<>();
        for (SampleStatus s : SampleStatus.values()) {
            if (s != SampleStatus.KEPT) {
                removed.put(s.name().toLowerCase(), r.count(s));
            }
        }
        m.put("byStatus", removed);
        m.put("splits", r.splits().size());
        m.put("merges", r.merges().size());
        m.put("mergeThresholds", r.mergeThresholds());
        m.put("finalIdentities", java.util.Arrays.stream(r.finalLabel()).filter(java.util.Objects::nonNull).distinct().count());
        m.put("rounds", r.rounds());
        return m;
    }

    public static void write(Path dir, EmbeddingSet set, CleanResult r, Map<String, Object> summary) {
        try {
            Files.createDirectories(dir);
            ImageLoader loader = new ImageLoader();
            StringBuilder kept = new StringBuilder("path,label\n");
            StringBuilder removed = new StringBuilder("path,label,status\n");
            StringBuilder relabelled = new StringBuilder("path,label,joined\n");
            r.relabelled().forEach((i, to) -> relabelled.append(csv(set.items().get(i))).append(',')
                    .append(csv(set.labelNames().get(set.labels()[i]))).append(',').append(csv(to)).append('\n'));
            ContactSheet removedSheet = new ContactSheet(THUMB, 10);
            Map<String, Path> example = new LinkedHashMap<>();
            Map<String, String> splitOf = new LinkedHashMap<>();
            r.splits().forEach((split, origin) -> splitOf.putIfAbsent(origin, split));
            for (int i = 0; i < set.size(); i++) {
                String label = set.labelNames().get(set.labels()[i]);
                if (r.status()[i].removed()) {
                    removed.append(csv(set.items().get(i))).append(',').append(csv(label)).append(',')
                            .append(r.status()[i].name().toLowerCase()).append('\n');
                    if (removedSheet.size() < SHEET_MAX) {
                        removedSheet.add(thumbnail(loader, Path.of(set.items().get(i))),
                                label + " " + r.status()[i].name().toLowerCase());
                    }
                } else {
                    kept.append(csv(set.items().get(i))).append(',').append(csv(r.finalLabel()[i])).append('\n');
                }
                if (r.status()[i] == SampleStatus.SPLIT_OFF) {
                    example.putIfAbsent(splitOf.getOrDefault(label, label), Path.of(set.items().get(i)));
                } else if (r.status()[i] != SampleStatus.RELABELLED && !r.status()[i].removed()) {
                    example.putIfAbsent(label, Path.of(set.items().get(i)));
                }
            }
            ContactSheet mergedSheet = new ContactSheet(THUMB, 10);
            for (Map.Entry<String, String> e : r.merges().entrySet()) {
                if (mergedSheet.size() >= SHEET_MAX) {
                    break;
                }
                mergedSheet.add(thumbnail(loader, example.get(e.getKey())), e.getKey() + " →");
                mergedSheet.add(thumbnail(loader, example.get(e.getValue())), e.getValue());
            }
            ContactSheet relabelledSheet = new ContactSheet(THUMB, 10);
            for (Map.Entry<Integer, String> e : r.relabelled().entrySet()) {
                if (relabelledSheet.size() >= SHEET_MAX) {
                    break;
                }
                relabelledSheet.add(thumbnail(loader, Path.of(set.items().get(e.getKey()))),
                        set.labelNames().get(set.labels()[e.getKey()]) + " →");
                relabelledSheet.add(thumbnail(loader, example.get(e.getValue())), e.getValue());
            }
            writeText(dir.resolve("cleaned.csv"), kept.toString());
            writeText(dir.resolve("removed.csv"), removed.toString());
            writeText(dir.resolve("relabelled.csv"), relabelled.toString());
            writeText(dir.resolve("report.json"), JSON.writeValueAsString(summary));
            byte[] removedPng = png(removedSheet.render("Removed samples (first " + SHEET_MAX + "): label, reason"));
            byte[] mergedPng = png(mergedSheet.render("Merged identities: each pair is one merge, left into right"));
            writeBytes(dir.resolve("removed.png"), removedPng);
            byte[] relabelledPng = png(relabelledSheet.render("Relabelled samples: each pair is the sample (its label)"
                    + " and a photo of the identity it joined"));
            writeBytes(dir.resolve("merged.png"), mergedPng);
            writeBytes(dir.resolve("relabelled.png"), relabelledPng);
            writeText(dir.resolve("report.html"), html(summary, removedPng, mergedPng, relabelledPng));
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write the cleaning report into " + dir + ": " + e.getMessage());
        }
    }

    private static String html(Map<String, Object> summary, byte[] removedPng, byte[] mergedPng, byte[] relabelledPng)
            throws IOException {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>mfr clean report"
                + "</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:left}"
                + "pre{background:#f4f4f4;padding:1em}</style></head><body><h1>Data cleaning report</h1><table>");
        for (String k : List.of("engine", "samples", "identities", "kept", "splits", "merges", "mergeThresholds",
                "finalIdentities")) {
            h.append("<tr><th>").append(k).append("</th><td>").append(escape(summary.get(k) instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(summary.get(k))))
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (summary.get("iterations") instanceof List<?> rows && !rows.isEmpty()) {
            iterations(h, rows);
        }
        h.append("<h2>Removed by reason</h2><pre>").append(escape(JSON.writeValueAsString(summary.get("byStatus"))))
                .append("</pre><h2>Rounds</h2><pre>").append(escape(JSON.writeValueAsString(summary.get("rounds"))))
                .append("</pre><h2>Removed samples</h2><img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(removedPng))
                .append("\"><h2>Merged identities</h2><img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(mergedPng))
                .append("\"><h2>Relabelled samples</h2><img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(relabelledPng))
                .append("\"><h2>Configuration</h2><pre>").append(escape(JSON.writeValueAsString(summary.get("config"))))
                .append("</pre></body></html>\n");
        return h.toString();
    }

    /**
     * The iterative mode's section: one row per round (clean, train on the cleaned set, re-embed, clean again), the
     * columns being the keys of the rows' maps.
     */
    private static void iterations(StringBuilder h, List<?> rows) {
        h.append("<h2>Rounds of cleaning and training</h2><p>Round 1 cleans with the starting model; each later round"
                + " trains on the previous round's cleaned set, embeds the whole dataset again with the new model and"
                + " cleans it again. This report's other sections are the last round's.</p><table border=\"1\""
                + " style=\"border-collapse:collapse\"><tr>");
        List<String> columns = new ArrayList<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> {
                    if (!columns.contains(String.valueOf(k))) {
                        columns.add(String.valueOf(k));
                    }
                });
            }
        }
        columns.forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr>");
        for (Object row : rows) {
            h.append("<tr>");
            Map<?, ?> m = row instanceof Map<?, ?> x ? x : Map.of();
            for (String c : columns) {
                Object v = m.get(c);
                h.append("<td>").append(escape(v == null ? "" : v instanceof Double d
                        ? String.format(java.util.Locale.ROOT, "%.4f", d) : String.valueOf(v))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    /** A square thumbnail of the image's centre; grey when there is none or it cannot be read. */
    private static RgbImage thumbnail(ImageLoader loader, Path p) {
        if (p != null) {
            try {
                RgbImage img = loader.load(p).image();
                int side = Math.min(img.width(), img.height());
                return Resampler.crop(img, (img.width() - side) / 2.0, (img.height() - side) / 2.0, side, side,
                        THUMB, THUMB, 255);
            } catch (MfrException e) {
                // fall through to the grey placeholder
            }
        }
        byte[] grey = new byte[THUMB * THUMB * 3];
        java.util.Arrays.fill(grey, (byte) 200);
        return new RgbImage(THUMB, THUMB, grey);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void writeText(Path p, String s) {
        AtomicFile.writeString(p, s);
    }

    private static void writeBytes(Path p, byte[] b) {
        AtomicFile.write(p, b);
    }
}
