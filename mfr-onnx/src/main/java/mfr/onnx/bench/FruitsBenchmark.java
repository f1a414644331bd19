package mfr.onnx.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.ImageLoader;
import mfr.core.image.LoadedImage;
import mfr.core.task.Parallel;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.detect.OnnxDetector;
import mfr.onnx.runtime.OnnxModel;

/**
 * The FRUITS protocol of the WebFace260M challenge on one image: the whole pipeline (decode, detect, landmarks,
 * align, embed) run {@code runs} times, and in the same process the same three models timed bare (session run only,
 * inputs prepared beforehand). The analyzer should be opened with one intra-op and one inter-op thread.
 */
public final class FruitsBenchmark {
    public static final List<String> STAGES = List.of("decode", "detect", "landmarks", "align", "embed", "total");

    /** Per-stage pipeline timings, bare model timings, and the faces found. */
    public record Report(int runs, int faces, Map<String, Timings> pipeline, Map<String, Timings> bare, Timings bareTotal) {
        public double ratioSixth() {
            return pipeline.get("total").sixthFastestMs() / bareTotal.sixthFastestMs();
        }

        public double ratioMedian() {
            return pipeline.get("total").medianMs() / bareTotal.medianMs();
        }
    }

    private FruitsBenchmark() {
    }

    public static Report run(FaceAnalyzer fa, byte[] imageBytes, String name, int runs, int warmup) {
        ImageLoader loader = fa.loader();
        LoadedImage probe = loader.decode(imageBytes, name);
        List<Face> faces = fa.analyze(probe.image());
        if (faces.isEmpty()) {
            throw new MfrException(ErrorCode.NO_FACE, name + ": no face found; the benchmark needs an image with a face");
        }
        Map<String, long[]> stage = new LinkedHashMap<>();
        STAGES.forEach(s -> stage.put(s, new long[runs]));
        for (int r = -warmup; r < runs; r++) {
            final int run = r;
            long t0 = System.nanoTime();
            LoadedImage img = loader.decode(imageBytes, name);
            long t1 = System.nanoTime();
            fa.analyze(img.image(), (s, nanos) -> {
                if (run >= 0) {
                    stage.get(s)[run] = nanos;
                }
            });
            long t2 = System.nanoTime();
            if (r >= 0) {
                stage.get("decode")[r] = t1 - t0;
                stage.get("total")[r] = t2 - t0;
            }
        }
        Map<String, Timings> pipeline = new LinkedHashMap<>();
        stage.forEach((k, v) -> pipeline.put(k, new Timings(k, v)));

        // Bare: the same sessions, inputs prepared once, session run only.
        OnnxDetector det = fa.detector();
        float[] detIn = det.prepare(probe.image()).tensor();
        float[] lmkIn = fa.landmarker().prepare(probe.image(), faces.get(0).box());
        float[] embIn = fa.embedder().prepare(faces.get(0).aligned());
        int n = faces.size();
        Map<String, Timings> bare = new LinkedHashMap<>();
        long[] total = new long[runs];
        long[][] parts = new long[3][runs];
        OnnxModel[] models = {det.model(), fa.landmarker().model(), fa.embedder().model()};
        float[][] inputs = {detIn, lmkIn, embIn};
        int[] reps = {1, n, n * (fa.config().flipTest() ? 2 : 1)};
        for (int r = -warmup; r < runs; r++) {
            for (int m = 0; m < 3; m++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < reps[m]; k++) {
                    models[m].run(inputs[m], models[m].singleShape());
                }
                long dt = System.nanoTime() - t0;
                if (r >= 0) {
                    parts[m][r] = dt;
                    total[r] += dt;
                }
            }
        }
        bare.put("detect", new Timings("detect", parts[0]));
        bare.put("landmarks", new Timings("landmarks", parts[1]));
        bare.put("embed", new Timings("embed", parts[2]));
        return new Report(runs, n, pipeline, bare, new Timings("total", total));
    }

    /** Throughput over many images: {@code threads} workers share the analyzer. */
    public record Throughput(int images, int failed, int faces, double seconds) {
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    public static Throughput throughput(FaceAnalyzer fa, List<Path> files, int threads) {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger faceCount = new AtomicInteger();
        long t0 = System.nanoTime();
        Parallel.forEach(files, threads, p -> {
            try {
                faceCount.addAndGet(fa.analyze(fa.load(p)).size());
            } catch (MfrException e) {
                failed.incrementAndGet();
            }
        });
        return new Throughput(files.size(), failed.get(), faceCount.get(), (System.nanoTime() - t0) / 1e9);
    }
}
