package mfr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.bench.ScoringBenchmark;
import mfr.eval.metric.TarAtFar;
import mfr.eval.report.ReportFiles;
import mfr.eval.score.AllPairsScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "All-pairs scoring engine against numpy.",
        description = {"Scoring engine benchmark: N random unit vectors (identities of --per-identity rows), every pair",
            "i < j scored and binned into genuine and impostor histograms by mfr (SIMD kernel, all cores), then by",
            "numpy with OpenBLAS doing the same blocked matrix products and np.histogram (allpairs_numpy.py, shipped",
            "in mfr-eval) on the same vectors. Prints both times, the ratio mfr/numpy, and how far the histograms",
            "and TAR@FAR agree. Needs 'java --add-modules jdk.incubator.vector' for the SIMD kernel (./mfr adds it).",
            "Target: mfr <= 1.5x numpy. The default (100,000 vectors, 5e9 pairs) takes minutes on 2 cores.",
            "Example: mfr eval bench --n 20000"})
final class EvalBenchCommand implements Callable<Integer> {
    @Option(names = "--n", defaultValue = "100000", description = "vectors (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--dim", defaultValue = "512", description = "dimension (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--per-identity", defaultValue = "10", description = "rows per identity (default: ${DEFAULT-VALUE})")
    int perIdentity;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "scoring threads (default: all cores)")
    Integer threads;

    @Option(names = "--no-numpy", description = "time mfr alone")
    boolean noNumpy;

    @Option(names = "--python", defaultValue = "python3", description = "Python with numpy (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (n < 2 || dim < 1 || perIdentity < 1 || (long) n * dim > Integer.MAX_VALUE - 64L * dim) {
            throw new MfrException(ErrorCode.USAGE, "--n must be at least 2 and --n x --dim below 2^31");
        }
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path work = Files.createTempDirectory("mfr-eval-bench");
        ScoringBenchmark.Result r;
        long pairs = (long) n * (n - 1) / 2;
        try (ProgressBar pb = new ProgressBarBuilder().setTaskName("mfr scoring").setInitialMax(pairs)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(1000).build()) {
            r = ScoringBenchmark.run(new ScoringBenchmark.Config(n, dim, perIdentity, seed, !noNumpy, python, t, work),
                    pb::stepTo);
        } finally {
            Files.deleteIfExists(work);
        }
        if (json) {
            System.out.println(ReportFiles.json(r));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%d vectors of %d, %,d pairs (%,d genuine), %d threads%n", r.n(), r.d(),
                r.pairs(), r.genuinePairs(), r.threads());
        System.out.printf(Locale.ROOT, "mfr   %-16s %8.2f s  (%.2e pairs/s; JIT warm-up before it %.2f s)%n",
                r.kernel(), r.mfrSeconds(), r.pairsPerSecond(), r.warmupSeconds());
        if (!noNumpy) {
            System.out.printf(Locale.ROOT, "numpy %-16s %8.2f s  (matrix products %.2f s, histograms %.2f s; %s)%n", "",
                    r.numpySeconds(), r.numpyGemmSeconds(), r.numpyHistogramSeconds(), r.numpyInfo());
            System.out.printf(Locale.ROOT, "ratio mfr/numpy: %.3f (target <= 1.5)%n", r.ratio());
            System.out.printf(Locale.ROOT, "histograms: %d bins differ, %d of %,d scores in a neighbouring bin%n",
                    r.binsDiffering(), r.countsMoved(), r.pairs());
        }
        System.out.println("FAR       TAR (mfr)    TAR (numpy)");
        for (int i = 0; i < r.mfrTarAtFar().size(); i++) {
            TarAtFar a = r.mfrTarAtFar().get(i);
            TarAtFar b = r.numpyTarAtFar().isEmpty() ? null : r.numpyTarAtFar().get(i);
            System.out.printf(Locale.ROOT, "%-9.0e %-12s %s%n", a.targetFar(), a.measurable() ? String.format(Locale.ROOT,
                    "%.4f %%", 100 * a.tar()) : "-", b == null || !b.measurable() ? "-"
                    : String.format(Locale.ROOT, "%.4f %%", 100 * b.tar()));
        }
        if (!AllPairsScorer.simdAvailable()) {
            System.out.println("note: scalar kernel (run java with --add-modules jdk.incubator.vector for SIMD)");
        }
        return 0;
    }
}
