package mfr.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mfr.eval.metric.Scores;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.score.ScoreHistogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's pictures: the ROC with a log FAR axis, and the genuine and impostor score distributions. */
public final class Plots {
    private Plots() {
    }

    public static byte[] roc(EvalReport r) {
        VerificationMetrics m = r.verification();
        XYChart c = new XYChartBuilder().width(800).height(560).title("ROC: " + r.protocol())
                .xAxisTitle("false accept rate (log)").yAxisTitle("true accept rate").build();
        style(c);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setXAxisDecimalPattern("0E0");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double minFar = m.impostorPairs() > 0 ? 1.0 / m.impostorPairs() : 1e-6;
        for (VerificationMetrics.RocPoint p : m.roc()) {
            if (p.far() >= minFar) {
                x.add(p.far());
                y.add(p.tar());
            }
        }
        if (x.isEmpty()) {
            x.add(1.0);
            y.add(1.0);
        }
        XYSeries s = c.addSeries(r.model(), x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(2.5f);
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        m.tarAtFar().stream().filter(t -> t.measurable() && t.far() > 0).forEach(t -> {
            tx.add(t.far());
            ty.add(t.tar());
        });
        if (!tx.isEmpty()) {
            XYSeries pts = c.addSeries("TAR@FAR", tx, ty);
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarker(SeriesMarkers.CIRCLE);
        }
        c.getStyler().setXAxisMin(Math.min(minFar, 1e-3));
        c.getStyler().setXAxisMax(1.0);
        double lo = y.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        c.getStyler().setYAxisMin(Math.max(0, Math.floor(lo * 20) / 20));
        c.getStyler().setYAxisMax(1.0);
        return png(c);
    }

    public static byte[] histograms(EvalReport r) {
        Scores sc = r.scores();
        XYChart c = new XYChartBuilder().width(800).height(560).title("Score distributions: " + r.protocol())
                .xAxisTitle("cosine similarity").yAxisTitle("fraction of pairs per bin").build();
        style(c);
        ScoreHistogram g = sc.genuineHistogram(sc.plotBins());
        ScoreHistogram im = sc.impostorHistogram(sc.plotBins());
        int lo = g.bins();
        int hi = 0;
        for (ScoreHistogram h : new ScoreHistogram[] {g, im}) {
            for (int b = 1; b < h.bins(); b++) {
                if (h.count(b) > 0) {
                    lo = Math.min(lo, b);
                    hi = Math.max(hi, b);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = g.bins() - 1;
        }
        series(c, "genuine (" + g.total() + ")", g, lo, hi, new Color(0x1f77b4));
        series(c, "impostor (" + im.total() + ")", im, lo, hi, new Color(0xd62728));
        c.getStyler().setYAxisMin(0.0);
        double t = r.threshold();
        if (!Double.isNaN(t) && !Double.isInfinite(t)) {
            double top = 0;
            for (ScoreHistogram h : new ScoreHistogram[] {g, im}) {
                for (int b = 0; b < h.bins(); b++) {
                    top = Math.max(top, h.total() == 0 ? 0 : h.count(b) / (double) h.total());
                }
            }
            XYSeries ts = c.addSeries(String.format(Locale.ROOT, "threshold %.3f", t), new double[] {t, t},
                    new double[] {0, top});
            ts.setMarker(SeriesMarkers.NONE);
            ts.setLineColor(Color.DARK_GRAY);
            ts.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        }
        return png(c);
    }

    private static void series(XYChart c, String name, ScoreHistogram h, int lo, int hi, Color color) {
        if (h.total() == 0) {
            return;
        }
        double[] x = new double[hi - lo + 1];
        double[] y = new double[x.length];
        for (int b = lo; b <= hi; b++) {
            x[b - lo] = h.lower(b) + h.width() / 2;
            y[b - lo] = h.count(b) / (double) h.total();
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
        s.setLineColor(color);
    }

    private static void style(XYChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
        c.getStyler().setAntiAlias(true);
    }

    private static byte[] png(XYChart c) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a chart", e);
        }
    }
}
