package mfr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import mfr.store.bench.IndexBenchmark;
import mfr.store.index.HnswSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "index-bench", mixinStandardHelpOptions = true,
        description = {"1:N search benchmark on synthetic gallery-like unit vectors (identities with several nearby",
            "templates; uniform random vectors would be the worst case for HNSW): exact search (SIMD dot products when",
            "the JVM has jdk.incubator.vector, as ./mfr gives it) against Lucene HNSW. Prints build times, query",
            "latency p50/p99 (one thread, one query at a time) and HNSW recall@1 against the exact answer (same template,",
            "and same identity: what a decision needs).",
            "Memory: about 5 x vectors x dim x 4 bytes (1,000,000 x 512: MFR_JAVA_OPTS=-Xmx14g).",
            "Example: mfr index-bench --vectors 100000 --ef 16,32,64 --scorer simd,lucene --beam 48,100"})
public final class IndexBenchCommand implements Callable<Integer> {
    @Option(names = "--vectors", defaultValue = "100000", description = "gallery size (default: ${DEFAULT-VALUE})")
    int vectors;

    @Option(names = "--per-identity", defaultValue = "5", description = "templates per identity (default: ${DEFAULT-VALUE})")
    int perIdentity;

    @Option(names = "--dim", defaultValue = "512", description = "dimension (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--queries", defaultValue = "1000", description = "probes (default: ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--spread", defaultValue = "0.82",
            description = "template scatter around an identity; 0.82 gives genuine cosines near 0.6 (default: ${DEFAULT-VALUE})")
    double spread;

    @Option(names = "--impostor-std", defaultValue = "0",
            description = "spread of impostor cosines: 0 (default) for isotropic centres (std about 0.044 at 512 dims,"
                    + " hardest for HNSW), 0.12 for fr_feature's LFW impostors (centres in fewer effective dimensions)")
    double impostorStd;

    @Option(names = "--m", defaultValue = "16", description = "HNSW max connections (default: ${DEFAULT-VALUE})")
    int maxConn;

    @Option(names = "--beam", split = ",", defaultValue = "100",
            description = "HNSW build beam widths (efConstruction), one build each (default: ${DEFAULT-VALUE})")
    int[] beams;

    @Option(names = "--scorer", split = ",", defaultValue = "simd",
            description = "HNSW vector scorers, one build each: simd (mfr's SIMD dot product plugged into Lucene) or"
                    + " lucene (Lucene 9.12's own, scalar on Java 17); e.g. simd,lucene (default: ${DEFAULT-VALUE})")
    String[] scorers;

    @Option(names = "--single-graph",
            description = "after the parallel build, merge the segments into one graph with --threads merge workers")
    boolean singleGraph;

    @Option(names = "--ram-mb", defaultValue = "4096",
            description = "Lucene indexing buffer in MB; a segment is flushed when it is full (default: ${DEFAULT-VALUE})")
    int ramMb;

    @Option(names = "--ef", split = ",", defaultValue = "16,32,64,128", description = "search beams to measure (default: ${DEFAULT-VALUE})")
    int[] efs;

    @Option(names = "--exact-only", description = "measure exact search only (no HNSW build)")
    boolean exactOnly;

    @Option(names = "--threads", defaultValue = "2", description = "HNSW build threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        if (vectors < perIdentity || perIdentity < 1 || queries < 1 || dim < 8) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "need --vectors >= --per-identity >= 1, --queries >= 1 and --dim >= 8");
        }
        List<HnswSettings> variants = new ArrayList<>();
        for (String sc : scorers) {
            if (!sc.equals("simd") && !sc.equals("lucene")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--scorer takes simd or lucene, not " + sc);
            }
            for (int beam : beams) {
                variants.add(new HnswSettings(maxConn, beam, 1, threads, ramMb, sc.equals("simd"), singleGraph));
            }
        }
        var s = new IndexBenchmark.Settings(vectors, perIdentity, dim, queries, spread, impostorStd,
                exactOnly ? List.of() : variants, exactOnly ? new int[0] : efs, seed);
        var r = IndexBenchmark.run(s, msg -> System.err.println("index-bench: " + msg));
        if (json) {
            System.out.println(Json.write(r.toMap()));
            return 0;
        }
        System.out.printf(Locale.ROOT, "gallery: %,d vectors of %d dims (%d per identity), %,d probes; dot product: %s%n",
                vectors, dim, perIdentity, queries, r.dot());
        System.out.printf(Locale.ROOT, "exact: build %.1f s, p50 %.2f ms, p99 %.2f ms%n", r.flatBuildS(),
                r.flat().p50Ms(), r.flat().p99Ms());
        if (exactOnly) {
            return 0;
        }
        for (var h : r.hnsw()) {
            System.out.printf(Locale.ROOT, "HNSW (%s scorer, M %d, beam %d, %d threads%s): build %.1f s (%.0f vectors/s%s),"
                    + " %d segment(s)%n", h.scorer(), h.maxConn(), h.beamWidth(), h.threads(),
                    h.singleGraph() ? ", one graph" : "", h.buildS(), h.vectorsPerSecond(vectors),
                    h.singleGraph() ? String.format(Locale.ROOT, "; merge %.1f s of it", h.mergeS()) : "", h.segments());
            for (var e : h.efs()) {
                System.out.printf(Locale.ROOT, "  ef %4d: p50 %.2f ms, p99 %.2f ms, recall@1 %.4f, same identity %.4f"
                        + " (speed-up vs exact at p50: %.1fx)%n", e.ef(), e.latency().p50Ms(), e.latency().p99Ms(),
                        e.recallAt1(), e.identityRecallAt1(), r.flat().p50Ms() / e.latency().p50Ms());
            }
        }
        return 0;
    }
}
