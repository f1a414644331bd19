package mfr.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleanResult;
import mfr.data.clean.Cleaner;
import mfr.data.clean.CleaningEngine;
import mfr.data.clean.EmbeddingSet;
import mfr.data.clean.LocalEngine;
import mfr.data.noise.NoiseScore;
import mfr.data.noise.NoisyLabels;
import mfr.data.noise.SyntheticEmbeddings;
import mfr.data.spark.SparkEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clean-bench", mixinStandardHelpOptions = true,
        description = {"Benchmark cleaning on synthetic 512-d embeddings (identities of nearby samples, 10 %% moved, 5 %%",
            "split), with the local engine and the Spark engine in the same process: time, peak heap, and whether",
            "both engines gave identical results.",
            "1,000,000 embeddings need about 2 GiB for the vectors alone: give the JVM room, e.g.",
            "  MFR_JAVA_OPTS=-Xmx16g ./mfr clean-bench --samples 1000000 --identities 100000"})
public final class CleanBenchCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "1000000", description = "embeddings (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--identities", defaultValue = "100000", description = "identities (default: ${DEFAULT-VALUE})")
    int identities;

    @Option(names = "--engines", defaultValue = "local,spark", split = ",", description = "engines to run (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        int per = Math.max(1, samples / identities);
        long t0 = System.nanoTime();
        EmbeddingSet clean = SyntheticEmbeddings.generate(identities, per, 512, 1.0, 1);
        NoisyLabels noise = NoisyLabels.inject(clean, 0.10, 0.05, 2);
        System.err.printf(Locale.ROOT, "generated %d embeddings in %d identities in %.1f s%n", clean.size(), identities,
                (System.nanoTime() - t0) / 1e9);
        CleanConfig config = CleanConfig.defaults();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<CleanResult> results = new ArrayList<>();
        for (String e : engines) {
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            CleanResult r;
            String name;
            try (CleaningEngine engine = e.equals("spark") ? new SparkEngine(master)
                    : new LocalEngine(Runtime.getRuntime().availableProcessors())) {
                name = engine.name();
                r = new Cleaner(engine, config, System.err::println).clean(noise.noisy());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            NoiseScore s = NoiseScore.of(noise, r);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("engine", name);
            row.put("seconds", Math.round(seconds * 10) / 10.0);
            row.put("peakHeapMiB", peakHeap() >> 20);
            row.put("movedPrecision", s.movedPrecision());
            row.put("movedRecall", s.movedRecall());
            row.put("remergeRate", s.remergeRate());
            row.put("mergePrecision", s.mergePrecision());
            rows.add(row);
            results.add(r);
        }
        boolean identical = results.size() < 2 || results.stream().allMatch(r ->
                Arrays.equals(r.status(), results.get(0).status()) && Arrays.equals(r.finalLabel(), results.get(0).finalLabel()));
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", clean.size());
            m.put("identities", identities);
            m.put("runs", rows);
            m.put("identicalResults", identical);
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%d embeddings, %d identities, %d cores, max heap %d MiB%n", clean.size(),
                identities, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (Map<String, Object> r : rows) {
            System.out.printf(Locale.ROOT, "  %-16s %8.1f s   peak heap %6d MiB   moved P/R %.3f/%.3f  re-merged %.3f"
                            + "  merge precision %.3f%n", r.get("engine"), r.get("seconds"), r.get("peakHeapMiB"),
                    r.get("movedPrecision"), r.get("movedRecall"), r.get("remergeRate"), r.get("mergePrecision"));
        }
        System.out.println("engines gave identical results: " + identical);
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
