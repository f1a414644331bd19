package mfr.eval.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.metric.ScoreCounts;
import mfr.eval.metric.TarAtFar;
import mfr.eval.score.AllPairsScorer;
import mfr.eval.score.ScoreHistogram;

/**
 * The scoring engine against numpy on this machine: N random unit vectors (identities of {@code perIdentity}
 * consecutive rows), every pair i < j scored and binned by mfr, then by numpy with OpenBLAS doing the same blocked
 * matrix products and histogram (script {@code allpairs_numpy.py}, shipped in this module). Both read the same
 * vectors; their histograms are compared.
 */
public final class ScoringBenchmark {
    /** What to run. */
    public record Config(int n, int d, int perIdentity, long seed, boolean numpy, String python, int threads,
                         Path workDir) {
    }

    /**
     * The outcome. {@code numpySeconds} is NaN when numpy did not run; {@code ratio} is mfr's time over numpy's.
     * {@code binsDiffering} counts histogram bins whose counts differ (rounding of the last bit of a score near a
     * bin edge moves it to the neighbour bin; the totals must agree).
     */
    public record Result(int n, int d, long pairs, long genuinePairs, String kernel, int threads,
                         double warmupSeconds, double mfrSeconds, double numpySeconds, double numpyGemmSeconds,
                         double numpyHistogramSeconds, String numpyInfo, double ratio, long binsDiffering,
                         long countsMoved, List<TarAtFar> mfrTarAtFar, List<TarAtFar> numpyTarAtFar) {
        public double pairsPerSecond() {
            return pairs / mfrSeconds;
        }
    }

    private ScoringBenchmark() {
    }

    public static float[] randomUnitVectors(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            double s = 0;
            int o = i * d;
            for (int k = 0; k < d; k++) {
                float x = (float) r.nextGaussian();
                v[o + k] = x;
                s += (double) x * x;
            }
            float inv = (float) (1 / Math.sqrt(s));
            for (int k = 0; k < d; k++) {
                v[o + k] *= inv;
            }
        }
        return v;
    }

    public static Result run(Config c, LongConsumer progress) {
        float[] v = randomUnitVectors(c.n(), c.d(), c.seed());
        int[] labels = new int[c.n()];
        for (int i = 0; i < c.n(); i++) {
            labels[i] = i / c.perIdentity();
        }
        AllPairsScorer.Settings s = AllPairsScorer.Settings.defaults().withThreads(c.threads());
        // The JIT compiles the kernel on a small set first (numpy's code is compiled ahead of time).
        long w0 = System.nanoTime();
        int wn = Math.min(c.n(), 4096);
        AllPairsScorer.score(randomUnitVectors(wn, c.d(), c.seed() + 1), wn, c.d(), null, s, x -> { });
        double warm = (System.nanoTime() - w0) / 1e9;
        AllPairsScorer.Result mine = AllPairsScorer.score(v, c.n(), c.d(), labels, s, progress);
        List<TarAtFar> myTaf = tarAtFar(mine.genuine(), mine.impostor());
        if (!c.numpy()) {
            return new Result(c.n(), c.d(), mine.pairs(), mine.genuine().total(), mine.kernel(), mine.threads(), warm,
                    mine.seconds(), Double.NaN, Double.NaN, Double.NaN, "not run", Double.NaN, 0, 0, myTaf, List.of());
        }
        Numpy np = runNumpy(c, v, mine.genuine().bins());
        long differing = 0;
        long moved = 0;
        for (ScoreHistogram[] pair : new ScoreHistogram[][] {{mine.genuine(), np.genuine}, {mine.impostor(), np.impostor}}) {
            for (int b = 0; b < pair[0].bins(); b++) {
                long diff = Math.abs(pair[0].count(b) - pair[1].count(b));
                if (diff != 0) {
                    differing++;
                    moved += diff;
                }
            }
        }
        return new Result(c.n(), c.d(), mine.pairs(), mine.genuine().total(), mine.kernel(), mine.threads(), warm,
                mine.seconds(), np.seconds, np.gemm, np.hist, np.info, mine.seconds() / np.seconds, differing, moved / 2,
                myTaf, tarAtFar(np.genuine, np.impostor));
    }

    private static List<TarAtFar> tarAtFar(ScoreHistogram g, ScoreHistogram i) {
        ScoreCounts counts = ScoreCounts.of(g, i);
        List<TarAtFar> out = new ArrayList<>();
        for (double f : TarAtFar.STANDARD) {
            out.add(TarAtFar.of(counts, f));
        }
        return out;
    }

    private record Numpy(double seconds, double gemm, double hist, String info, ScoreHistogram genuine,
                         ScoreHistogram impostor) {
    }

    private static Numpy runNumpy(Config c, float[] v, int bins) {
        Path dir = c.workDir();
        Path vectors = dir.resolve("vectors.f32");
        Path script = dir.resolve("allpairs_numpy.py");
        Path prefix = dir.resolve("numpy");
        try {
            Files.createDirectories(dir);
            try (InputStream in = ScoringBenchmark.class.getResourceAsStream("allpairs_numpy.py")) {
                Files.write(script, in.readAllBytes());
            }
            writeFloats(vectors, v);
            List<String> cmd = List.of(c.python(), script.toString(), "--vectors", vectors.toString(),
                    "--n", String.valueOf(c.n()), "--d", String.valueOf(c.d()),
                    "--per-identity", String.valueOf(c.perIdentity()), "--bins", String.valueOf(bins),
                    "--out", prefix.toString());
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new MfrException(ErrorCode.USAGE, "the numpy benchmark failed (exit " + p.exitValue()
                        + "): needs python3 with numpy (pass --python, or --no-numpy to time mfr alone)");
            }
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.strip());
            String info = String.format(Locale.ROOT, "numpy %s, %s, block %d", json.get("numpy").asText(),
                    json.get("blas").asText(), json.get("block").asInt());
            return new Numpy(json.get("seconds").asDouble(), json.get("gemm_seconds").asDouble(),
                    json.get("histogram_seconds").asDouble(), info, readCounts(Path.of(prefix + ".genuine.i64"), bins),
                    readCounts(Path.of(prefix + ".impostor.i64"), bins));
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "numpy benchmark in " + dir + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("error=2") ? " (is python3 installed?)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while numpy ran");
        } finally {
            try {
                Files.deleteIfExists(vectors);
                Files.deleteIfExists(Path.of(prefix + ".genuine.i64"));
                Files.deleteIfExists(Path.of(prefix + ".impostor.i64"));
                Files.deleteIfExists(script);
            } catch (IOException ignored) {
                // temporary files only
            }
        }
    }

    private static void writeFloats(Path file, float[] v) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                if (!buf.hasRemaining()) {
                    buf.flip();
                    ch.write(buf);
                    buf.clear();
                }
                buf.putFloat(f);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    private static ScoreHistogram readCounts(Path file, int bins) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != bins * 8) {
            throw new IOException(file + ": expected " + bins + " counts");
        }
        long[] counts = new long[bins];
        for (int i = 0; i < bins; i++) {
            counts[i] = b.getLong();
        }
        return ScoreHistogram.ofCounts(counts);
    }
}
