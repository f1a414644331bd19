package mfr.mask.eval;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.core.task.Parallel;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * The main face (largest box) of many images, analysed once on a few threads sharing one analyzer. Images where no
 * face is found (or that cannot be read) are recorded as failures with their reason.
 */
public record AnalyzedSet<K>(Map<K, Face> faces, Map<K, String> failures) {

    /** Analyses {@code image(key)} for every key. */
    public static <K> AnalyzedSet<K> analyze(FaceAnalyzer fa, Collection<K> keys, Function<K, RgbImage> image,
                                             int threads, IntConsumer progress) {
        Map<K, Face> out = new ConcurrentHashMap<>();
        Map<K, String> fail = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(keys, threads, k -> {
            try {
                List<Face> found = fa.analyze(image.apply(k));
                found.stream().max(java.util.Comparator.comparingDouble((Face f) -> f.box().area()))
                        .ifPresentOrElse(f -> out.put(k, f), () -> fail.put(k, "no face found"));
            } catch (MfrException e) {
                fail.put(k, e.getMessage());
            }
            progress.accept(done.incrementAndGet());
        });
        return new AnalyzedSet<>(Map.copyOf(out), Map.copyOf(fail));
    }

    /** Files analysed as they are loaded by the analyzer. */
    public static AnalyzedSet<Path> analyzeFiles(FaceAnalyzer fa, Collection<Path> files, int threads,
                                                 IntConsumer progress) {
        return analyze(fa, files, p -> fa.load(p).image(), threads, progress);
    }
}
