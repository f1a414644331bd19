package mfr.onnx.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;

/**
 * Embeds the main face of many image files on several threads sharing one analyzer (ONNX Runtime sessions are
 * thread-safe). Files that fail (unreadable, no face) are reported, not thrown.
 */
public final class BatchEmbedding {
    /** Embeddings by file, and the failures with their one-line reasons. */
    public record Result(Map<Path, Embedding> embeddings, Map<Path, String> failures) {
    }

    private BatchEmbedding() {
    }

    public static Result embedMainFaces(FaceAnalyzer fa, Collection<Path> files, int threads, IntConsumer progress) {
        return embedMainFaces(fa, files, threads, progress, null);
    }

    /**
     * As above, reusing and filling {@code cache} (may be null): a file whose bytes were embedded before by the same
     * model is not decoded again.
     */
    public static Result embedMainFaces(FaceAnalyzer fa, Collection<Path> files, int threads, IntConsumer progress,
                                        EmbeddingCache cache) {
        List<Path> unique = new ArrayList<>(new LinkedHashSet<>(files));
        Map<Path, Embedding> out = new ConcurrentHashMap<>();
        Map<Path, String> failures = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path p : unique) {
                futures.add(pool.submit(() -> {
                    try {
                        out.put(p, embed(fa, p, cache));
                    } catch (MfrException e) {
                        failures.put(p, e.getMessage());
                    }
                    progress.accept(done.incrementAndGet());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Result(out, failures);
    }

    private static Embedding embed(FaceAnalyzer fa, Path p, EmbeddingCache cache) {
        if (cache == null) {
            return fa.mainFace(fa.load(p)).embedding();
        }
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new MfrException(mfr.core.error.ErrorCode.IO, p + ": cannot read (" + e.getMessage() + ")");
        }
        String key = mfr.onnx.model.NpmPackage.sha256Hex(bytes);
        Embedding hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        Embedding e = fa.mainFace(fa.loader().decode(bytes, p.toString())).embedding();
        cache.put(key, e);
        return e;
    }
}
