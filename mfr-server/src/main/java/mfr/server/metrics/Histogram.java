package mfr.server.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram of one label set: cumulative buckets, sum and count, safe for concurrent updates. */
final class Histogram {
    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    Histogram(double[] bounds) {
        this.bounds = bounds;
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double v) {
        for (int i = 0; i < bounds.length; i++) {
            if (v <= bounds[i]) {
                counts[i].increment();
                break;
            }
        }
        sum.add(v);
        count.increment();
    }

    void write(StringBuilder out, String name, String labels) {
        long cumulative = 0;
        String sep = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{").append(sep).append("le=\"").append(fmt(bounds[i])).append("\"} ")
                    .append(cumulative).append('\n');
        }
        long n = count.sum();
        out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(n).append('\n');
        String braces = labels.isEmpty() ? "" : "{" + labels + "}";
        out.append(name).append("_sum").append(braces).append(' ').append(fmt(sum.sum())).append('\n');
        out.append(name).append("_count").append(braces).append(' ').append(n).append('\n');
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
