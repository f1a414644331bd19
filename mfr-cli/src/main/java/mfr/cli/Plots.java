package mfr.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots (XChart), written atomically. */
final class Plots {
    private Plots() {
    }

    /** Overlaid histograms (as densities) of several samples over [lo, hi]. */
    static void histograms(Path out, String title, String xLabel, List<String> names, List<double[]> samples,
                           double lo, double hi, int bins) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel)
                .yAxisTitle("density").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double w = (hi - lo) / bins;
        for (int k = 0; k < names.size(); k++) {
            double[] v = samples.get(k);
            double[] counts = new double[bins];
            for (double x : v) {
                int b = (int) Math.floor((x - lo) / w);
                if (b >= 0 && b < bins) {
                    counts[b]++;
                }
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                double d = v.length == 0 ? 0 : counts[b] / (v.length * w);
                xs.add(lo + b * w);
                ys.add(d);
                xs.add(lo + (b + 1) * w);
                ys.add(d);
            }
            chart.addSeries(names.get(k) + " (n=" + v.length + ")", xs, ys).setMarker(SeriesMarkers.NONE);
        }
        write(chart, out);
    }

    static void write(XYChart chart, Path out) {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        Outputs.writeImage(img, out);
    }
}
