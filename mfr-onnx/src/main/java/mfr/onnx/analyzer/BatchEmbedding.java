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
                        out.put(p, fa.mainFace(fa.load(p)).embedding());
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
            // Wait for every worker: a caller closes the analyzer next, and no worker may still be inside a model.
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(out, failures);
    }
}
