package mfr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.bench.FruitsBenchmark;
import mfr.onnx.bench.Timings;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"FRUITS benchmark (WebFace260M challenge): the whole pipeline (decode, detect, landmarks, align,",
            "embed) on one image with one thread (ONNX Runtime intra-op 1, inter-op 1), --runs times after a warm-up,",
            "reporting the 6th-fastest run and the median per stage and in total. In the same run the same models are",
            "timed bare (session run only, inputs prepared beforehand) and the ratio pipeline/bare is printed.",
            "Targets on a 2-core machine with a 250x250 LFW image: total <= 25 ms, ratio <= 1.15.",
            "--throughput DIR instead runs every image under DIR on all cores and prints images per second.",
            "Default image: the first LFW image of Aaron_Peirsol from $MFR_DATA, else the demo photo sample1.jpg."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--image", paramLabel = "FILE", description = "image to time (must contain a face)")
    Path image;

    @Option(names = "--runs", defaultValue = "50", description = "timed runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--throughput", paramLabel = "DIR", description = "throughput mode over the images under DIR")
    Path throughputDir;

    @Option(names = "--limit", defaultValue = "2000", description = "throughput mode: at most this many images (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws IOException {
        if (runs < 6) {
            throw new MfrException(ErrorCode.USAGE, "--runs must be at least 6 (the 6th-fastest run is reported)");
        }
        if (throughputDir != null) {
            return throughput();
        }
        Path img = image != null ? image : defaultImage();
        byte[] bytes = Files.readAllBytes(img);
        var cfg = models.config().withOrt(OrtSettings.singleThread());
        FruitsBenchmark.Report r;
        try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
            r = FruitsBenchmark.run(fa, bytes, img.toString(), runs, warmup);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", img.toString());
            m.put("runs", r.runs());
            m.put("faces", r.faces());
            m.put("config", cfg.describe());
            m.put("pipeline", summary(r.pipeline()));
            m.put("bare", summary(r.bare()));
            m.put("bareTotal", summary(Map.of("total", r.bareTotal())).get("total"));
            m.put("ratioSixthFastest", round(r.ratioSixth()));
            m.put("ratioMedian", round(r.ratioMedian()));
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "FRUITS: %s, %d face(s), %d runs, 1 thread%n", img, r.faces(), r.runs());
        System.out.printf(Locale.ROOT, "%-10s %12s %10s %14s %10s%n", "stage", "6th-fastest", "median", "bare 6th", "bare med");
        for (String s : FruitsBenchmark.STAGES) {
            Timings t = r.pipeline().get(s);
            Timings b = s.equals("total") ? r.bareTotal() : r.bare().get(s);
            System.out.printf(Locale.ROOT, "%-10s %9.2f ms %7.2f ms %11s %10s%n", s, t.sixthFastestMs(), t.medianMs(),
                    b == null ? "" : String.format(Locale.ROOT, "%.2f ms", b.sixthFastestMs()),
                    b == null ? "" : String.format(Locale.ROOT, "%.2f ms", b.medianMs()));
        }
        System.out.printf(Locale.ROOT, "ratio pipeline/bare: %.3f (6th-fastest), %.3f (median)%n", r.ratioSixth(), r.ratioMedian());
        return 0;
    }

    private Integer throughput() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(throughputDir)) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp|webp)$"))
                    .sorted().limit(limit).toList();
        }
        if (files.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, throughputDir + ": no images found");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        var cfg = models.config().withOrt(OrtSettings.singleThread());
        FruitsBenchmark.Throughput t;
        try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
            FruitsBenchmark.throughput(fa, files.subList(0, Math.min(files.size(), 20)), cores); // warm-up
            t = FruitsBenchmark.throughput(fa, files, cores);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", t.images());
            m.put("failed", t.failed());
            m.put("faces", t.faces());
            m.put("threads", cores);
            m.put("seconds", round(t.seconds()));
            m.put("imagesPerSecond", round(t.imagesPerSecond()));
            System.out.println(Json.write(m));
        } else {
            System.out.printf(Locale.ROOT, "throughput: %d images (%d failed, %d faces) in %.2f s on %d threads: %.1f images/s%n",
                    t.images(), t.failed(), t.faces(), t.seconds(), cores, t.imagesPerSecond());
        }
        return 0;
    }

    private static Path defaultImage() {
        var lfw = SharedData.dataset("lfw-deepfunneled");
        if (lfw.isPresent()) {
            Path p = lfw.get().resolve("Aaron_Peirsol/Aaron_Peirsol_0001.jpg");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return new ModelInstaller(MfrHome.resolve()).ensureSamples().resolve("sample1.jpg");
    }

    private static Map<String, Object> summary(Map<String, Timings> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, t) -> out.put(k, Map.of("sixthFastestMs", round(t.sixthFastestMs()), "medianMs", round(t.medianMs()))));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
