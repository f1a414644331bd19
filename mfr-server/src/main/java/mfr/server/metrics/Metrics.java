package mfr.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The service's metrics in the Prometheus text format (version 0.0.4): request latency histograms by route,
 * request counts by status, model inference time by stage, and gauges read at scrape time (templates per
 * collection, indexed vectors).
 */
public final class Metrics {
    private static final double[] REQUEST_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] STAGE_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1};

    private final ConcurrentMap<String, Histogram> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> responses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Histogram> stages = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    /** A gauge family whose values (by label set) are read when scraped. */
    public record Gauge(String help, Supplier<Map<String, Double>> values) {
    }

    public void request(String method, String route, int status, double seconds) {
        String labels = "method=\"" + method + "\",route=\"" + escape(route) + "\"";
        requests.computeIfAbsent(labels, k -> new Histogram(REQUEST_BUCKETS)).observe(seconds);
        responses.computeIfAbsent(labels + ",status=\"" + status + "\"", k -> new LongAdder()).increment();
    }

    public void stage(String stage, long nanos) {
        stages.computeIfAbsent("stage=\"" + escape(stage) + "\"", k -> new Histogram(STAGE_BUCKETS)).observe(nanos / 1e9);
    }

    /** Registers a gauge family; each value's key is its label set, e.g. {@code collection="staff"}. */
    public void gauge(String name, String help, Supplier<Map<String, Double>> values) {
        gauges.put(name, new Gauge(help, values));
    }

    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP mfr_http_request_duration_seconds Time to answer an HTTP request, by route.\n");
        out.append("# TYPE mfr_http_request_duration_seconds histogram\n");
        new TreeMap<>(requests).forEach((l, h) -> h.write(out, "mfr_http_request_duration_seconds", l));
        out.append("# HELP mfr_http_responses_total HTTP responses, by route and status.\n");
        out.append("# TYPE mfr_http_responses_total counter\n");
        new TreeMap<>(responses).forEach((l, c) -> out.append("mfr_http_responses_total{").append(l).append("} ")
                .append(c.sum()).append('\n'));
        out.append("# HELP mfr_inference_duration_seconds Model inference time per image, by pipeline stage.\n");
        out.append("# TYPE mfr_inference_duration_seconds histogram\n");
        new TreeMap<>(stages).forEach((l, h) -> h.write(out, "mfr_inference_duration_seconds", l));
        new TreeMap<>(gauges).forEach((name, g) -> {
            out.append("# HELP ").append(name).append(' ').append(g.help()).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            new TreeMap<>(g.values().get()).forEach((l, v) -> out.append(name)
                    .append(l.isEmpty() ? "" : "{" + l + "}").append(' ').append(Histogram.fmt(v)).append('\n'));
        });
        return out.toString();
    }

    public static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
