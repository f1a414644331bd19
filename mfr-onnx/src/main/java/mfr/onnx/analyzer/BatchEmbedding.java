package mfr.onnx.analyzer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;
import mfr.core.task.Parallel;

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
        Parallel.forEach(unique, threads, p -> {
            try {
                out.put(p, fa.mainFace(fa.load(p)).embedding());
            } catch (MfrException e) {
                failures.put(p, e.getMessage());
            }
            progress.accept(done.incrementAndGet());
        });
        return new Result(out, failures);
    }
}
