package mfr.store.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mfr.store.index.FlatIndex;
import mfr.store.index.HnswIndex;
import mfr.store.index.HnswSettings;
import mfr.store.index.Hit;
import mfr.store.index.SyntheticGallery;

/**
 * 1:N benchmark on a synthetic gallery: exact (flat, SIMD) search against Lucene HNSW. Reports build times,
 * query latency percentiles (one query at a time, one thread) and HNSW recall@1 against the exact answer, for
 * each efSearch asked.
 */
public final class IndexBenchmark {
    /** {@code hnsw}: the HNSW variants to build and measure in turn (scorer, M, beam...); each with every ef. */
    public record Settings(int vectors, int perIdentity, int dim, int queries, double spread, double impostorStd,
                           List<HnswSettings> hnsw, int[] efs, long seed) {
    }

    public record Latency(double p50Ms, double p99Ms, double meanMs) {
        static Latency of(long[] nanos) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            double mean = Arrays.stream(s).average().orElse(0) / 1e6;
            return new Latency(s[(int) Math.floor(0.50 * (s.length - 1))] / 1e6,
                    s[(int) Math.ceil(0.99 * (s.length - 1))] / 1e6, mean);
        }
    }

    public record EfResult(int ef, Latency latency, double recallAt1, double identityRecallAt1) {
    }

    /**
     * One HNSW variant: {@code buildS} in all, of which {@code mergeS} merging the segments into one graph (0
     * unless {@link HnswSettings#singleGraph()}).
     */
    public record HnswRun(String scorer, int maxConn, int beamWidth, int threads, boolean singleGraph, double buildS,
                          double mergeS, int segments, List<EfResult> efs) {
        public double vectorsPerSecond(int n) {
            return n / buildS;
        }
    }

    public record Result(Settings settings, String dot, double flatBuildS, Latency flat, List<HnswRun> hnsw) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("vectors", settings.vectors());
            m.put("perIdentity", settings.perIdentity());
            m.put("dim", settings.dim());
            m.put("impostorStd", settings.impostorStd());
            m.put("queries", settings.queries());
            m.put("dotProduct", dot);
            m.put("flatBuildSeconds", flatBuildS);
            m.put("flat", flat);
            m.put("hnsw", hnsw);
            return m;
        }
    }

    private IndexBenchmark() {
    }

    public static Result run(Settings s, Consumer<String> progress) {
        SyntheticGallery g = new SyntheticGallery(s.dim(), s.vectors() / s.perIdentity(), s.perIdentity(), s.spread(),
                s.impostorStd(), s.seed());
        int n = g.size();
        long t0 = System.nanoTime();
        FlatIndex flat = new FlatIndex(s.dim());
        boolean hnswToo = s.efs().length > 0 && !s.hnsw().isEmpty();
        long[] ids = new long[n];
        float[][] vectors = new float[hnswToo ? n : 0][];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            float[] v = g.template(i);
            if (hnswToo) {
                vectors[i] = v;
            }
            flat.add(i, v);
            if ((i + 1) % 100_000 == 0) {
                progress.accept("generated and indexed (flat) " + (i + 1) + " / " + n);
            }
        }
        double flatBuild = (System.nanoTime() - t0) / 1e9;
        float[][] probes = new float[s.queries()][];
        for (int j = 0; j < probes.length; j++) {
            probes[j] = g.probe(j);
        }
        for (int j = 0; j < Math.min(100, probes.length); j++) {
            flat.search(probes[j], 1); // warm-up: let the JIT compile the search before it is timed
        }
        long[] exact = new long[probes.length];
        long[] lat = new long[probes.length];
        for (int j = 0; j < probes.length; j++) {
            long q0 = System.nanoTime();
            exact[j] = flat.search(probes[j], 1).get(0).id();
            lat[j] = System.nanoTime() - q0;
        }
        Latency flatLat = Latency.of(lat);
        progress.accept(String.format(java.util.Locale.ROOT, "exact search: p50 %.2f ms, p99 %.2f ms",
                flatLat.p50Ms(), flatLat.p99Ms()));
        String dot = flat.dotProduct().name();
        flat.close();
        if (!hnswToo) {
            return new Result(s, dot, flatBuild, flatLat, List.of());
        }
        List<HnswRun> runs = new ArrayList<>();
        for (HnswSettings hs : s.hnsw()) {
            runs.add(hnsw(s, hs, g, ids, vectors, probes, exact, progress));
        }
        return new Result(s, dot, flatBuild, flatLat, runs);
    }

    private static HnswRun hnsw(Settings s, HnswSettings hs, SyntheticGallery g, long[] ids, float[][] vectors,
                                float[][] probes, long[] exact, Consumer<String> progress) {
        int n = ids.length;

        progress.accept(String.format(java.util.Locale.ROOT, "building HNSW over %d vectors: %s scorer, M %d, beam %d,"
                + " %d threads%s...", n, hs.scorerName(), hs.maxConn(), hs.beamWidth(), hs.threads(),
                hs.singleGraph() ? ", then merged into one graph" : ""));
        long b0 = System.nanoTime();
        HnswIndex hnsw = new HnswIndex(s.dim(), hs);
        hnsw.addAll(ids, vectors, msg -> progress.accept("HNSW: " + msg));
        int segments = hnsw.segments();
        double hnswBuild = (System.nanoTime() - b0) / 1e9;
        double mergeS = hnsw.lastMergeSeconds();
        progress.accept(String.format(java.util.Locale.ROOT, "HNSW built in %.1f s (%.0f vectors/s; merge %.1f s),"
                + " %d segment(s)", hnswBuild, n / hnswBuild, mergeS, segments));
        List<EfResult> out = new ArrayList<>();
        for (int ef : s.efs()) {
            HnswIndex view = hnsw;
            for (int j = 0; j < Math.min(100, probes.length); j++) {
                searchWithEf(view, probes[j], ef); // warm-up
            }
            int hits = 0;
            int sameIdentity = 0;
            long[] l = new long[probes.length];
            for (int j = 0; j < probes.length; j++) {
                long q0 = System.nanoTime();
                List<Hit> h = searchWithEf(view, probes[j], ef);
                l[j] = System.nanoTime() - q0;
                if (!h.isEmpty() && h.get(0).id() == exact[j]) {
                    hits++;
                }
                if (!h.isEmpty() && g.identityOf((int) h.get(0).id()) == g.identityOf((int) exact[j])) {
                    sameIdentity++;
                }
            }
            EfResult r = new EfResult(ef, Latency.of(l), (double) hits / probes.length,
                    (double) sameIdentity / probes.length);
            progress.accept(String.format(java.util.Locale.ROOT, "HNSW ef %d: p50 %.2f ms, p99 %.2f ms, recall@1 %.4f,"
                    + " identity recall@1 %.4f", ef, r.latency().p50Ms(), r.latency().p99Ms(), r.recallAt1(),
                    r.identityRecallAt1()));
            out.add(r);
        }
        hnsw.close();
        return new HnswRun(hs.scorerName(), hs.maxConn(), hs.beamWidth(), hs.threads(), hs.singleGraph(), hnswBuild,
                mergeS, segments, out);
    }

    /** Lucene's k is its search beam: ask for ef candidates and keep the best. */
    private static List<Hit> searchWithEf(HnswIndex index, float[] probe, int ef) {
        List<Hit> h = index.search(probe, ef);
        return h.isEmpty() ? h : h.subList(0, 1);
    }
}
