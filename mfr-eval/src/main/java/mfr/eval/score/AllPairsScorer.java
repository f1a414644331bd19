package mfr.eval.score;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-pairs cosine scoring of a set of unit embeddings on the CPU, in bounded memory: the upper triangle of the
 * score matrix is cut into square blocks handed to worker threads, each block is computed by a SIMD kernel (see
 * {@link VectorKernel}) and its scores are binned at once into per-thread histograms, genuine (same label) apart from
 * impostor. No score is stored: memory is the embeddings plus one histogram pair per thread, whatever the number of
 * pairs (5·10⁹ for 100,000 embeddings).
 */
public final class AllPairsScorer {
    private static final Logger LOG = LoggerFactory.getLogger(AllPairsScorer.class);
    private static final int BLOCK = 1024;

    /**
     * Genuine and impostor score histograms and what it took.
     *
     * @param kernel  which kernel ran ({@code vector-512bit}, {@code scalar})
     * @param seconds wall time of the scoring
     */
    public record Result(ScoreHistogram genuine, ScoreHistogram impostor, String kernel, int threads, double seconds) {
        public long pairs() {
            return genuine.total() + impostor.total();
        }
    }

    /** Settings: histogram resolution, threads, and whether the SIMD kernel may be used. */
    public record Settings(int bins, int threads, boolean simd) {
        public static Settings defaults() {
            return new Settings(ScoreHistogram.DEFAULT_BINS, Runtime.getRuntime().availableProcessors(), true);
        }

        public Settings withThreads(int t) {
            return new Settings(bins, t, simd);
        }

        public Settings withSimd(boolean s) {
            return new Settings(bins, threads, s);
        }
    }

    private AllPairsScorer() {
    }

    /** Whether this JVM runs the SIMD kernel (it needs {@code --add-modules jdk.incubator.vector}). */
    public static boolean simdAvailable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernel.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /**
     * Scores every pair {@code i < j} of the {@code n} rows of {@code vectors} (row-major, dimension {@code d}, unit
     * length). {@code labels[i]} is the identity of row i (pairs of equal labels are genuine); null makes every pair
     * an impostor pair. {@code progress} receives the number of pairs done so far.
     */
    public static Result score(float[] vectors, int n, int d, int[] labels, Settings settings, LongConsumer progress) {
        if ((long) n * d > vectors.length) {
            throw new IllegalArgumentException(n + " rows of " + d + " need " + (long) n * d + " floats, got "
                    + vectors.length);
        }
        int rows = (n + PairKernel.ROW_ALIGN - 1) / PairKernel.ROW_ALIGN * PairKernel.ROW_ALIGN;
        float[] data = vectors;
        if (vectors.length < (long) rows * d) {
            data = new float[Math.multiplyExact(rows, d)];
            System.arraycopy(vectors, 0, data, 0, n * d);
        }
        int[] lab = new int[rows];
        for (int i = 0; i < rows; i++) {
            lab[i] = labels != null && i < n ? labels[i] : -1 - i;
        }
        PairKernel.Matrix m = new PairKernel.Matrix(data, n, d, lab);
        boolean simd = settings.simd() && simdAvailable();
        Supplier<PairKernel> kernels = simd ? VectorKernel::new : ScalarKernel::new;
        int blocks = (rows + BLOCK - 1) / BLOCK;
        List<int[]> units = new ArrayList<>();
        for (int bj = blocks - 1; bj >= 0; bj--) {
            for (int bi = 0; bi <= bj; bi++) {
                units.add(new int[] {bi, bj});
            }
        }
        int threads = Math.max(1, Math.min(settings.threads(), units.size()));
        int bins = settings.bins();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mfr-score");
            t.setDaemon(true);
            return t;
        });
        ScoreHistogram genuine = new ScoreHistogram(bins);
        ScoreHistogram impostor = new ScoreHistogram(bins);
        String kernelName = kernels.get().name();
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    PairKernel k = kernels.get();
                    int[] hist = new int[2 * bins];
                    ScoreHistogram g = new ScoreHistogram(bins);
                    ScoreHistogram im = new ScoreHistogram(bins);
                    for (int u = next.getAndIncrement(); u < units.size(); u = next.getAndIncrement()) {
                        int bi = units.get(u)[0];
                        int bj = units.get(u)[1];
                        int i0 = bi * BLOCK;
                        int j0 = bj * BLOCK;
                        int i1 = Math.min(rows, i0 + BLOCK);
                        int j1 = Math.min(rows, j0 + BLOCK);
                        k.block(m, i0, i1, j0, j1, hist, bins);
                        // A block holds at most 2^20 pairs, so int counts cannot overflow; fold them into longs.
                        im.addCounts(hist, 0);
                        g.addCounts(hist, bins);
                        java.util.Arrays.fill(hist, 0);
                        progress.accept(done.addAndGet(pairsIn(n, i0, i1, j0, j1)));
                    }
                    synchronized (genuine) {
                        genuine.merge(g);
                        impostor.merge(im);
                    }
                    return null;
                }));
            }
            for (Future<Object> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        LOG.debug("scored {} pairs in {} s with {} threads, kernel {}", genuine.total() + impostor.total(), secs,
                threads, kernelName);
        return new Result(genuine, impostor, kernelName, threads, secs);
    }

    /** Number of pairs i < j with i in [i0, i1), j in [j0, j1), both below n. */
    static long pairsIn(int n, int i0, int i1, int j0, int j1) {
        long total = 0;
        int jEnd = Math.min(j1, n);
        for (int i = i0; i < Math.min(i1, n); i++) {
            int from = Math.max(j0, i + 1);
            if (from < jEnd) {
                total += jEnd - from;
            }
        }
        return total;
    }

    /** Total number of pairs of n items. */
    public static long pairCount(long n) {
        return n * (n - 1) / 2;
    }
}
