package mfr.eval.report;

import java.util.Base64;

/** One self-contained HTML page: the tables and both plots (embedded as data URIs), no external resource. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(EvalReport r, byte[] rocPng, byte[] scoresPng) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>mfr eval: ")
                .append(esc(r.protocol())).append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;"
                        + "padding:0 1em;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:.9em}"
                        + "img{max-width:100%;border:1px solid #ddd;margin:.5em 0}td,th{padding:.2em .6em;text-align:left}"
                        + "</style></head><body>\n");
        b.append("<h1>").append(esc(r.protocol())).append("</h1>\n<table>");
        row(b, "data", r.dataset());
        row(b, "model", r.model());
        row(b, "date", r.date());
        b.append("</table>\n<h2>Results</h2>\n<pre>").append(esc(TextReport.render(r))).append("</pre>\n");
        b.append("<h2>ROC</h2>\n<img alt=\"ROC curve, log FAR axis\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(rocPng)).append("\">\n");
        b.append("<h2>Score distributions</h2>\n<img alt=\"genuine and impostor score histograms\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(scoresPng)).append("\">\n");
        b.append("<h2>Settings</h2>\n<pre>").append(esc(ReportFiles.json(r.settings()))).append("</pre>\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
