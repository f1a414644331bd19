package mfr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import mfr.core.dataset.ImagePair;
import mfr.core.dataset.PairsFile;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.metric.Verification;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.eval.cache.EmbeddingCache;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.DefaultModels;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "lfw", mixinStandardHelpOptions = true,
        description = {"Quick accuracy check on LFW View 2 (pairs.txt): a fixed, fold-balanced sample of pairs",
            "(the first N/20 same and N/20 different pairs of each of the 10 folds), 10-fold accuracy with each",
            "fold's threshold chosen on the other nine. A pair whose image has no detected face counts as wrong.",
            "Also used to establish each model's channel order (--detector-order, --embedder-order).",
            "Example: mfr lfw --pairs 6000 --json"})
public final class LfwCommand implements Callable<Integer> {
    @Option(names = "--pairs", defaultValue = "600", description = "pairs in the sample, 20..6000 (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--detector-order", description = "override the detector's channel order: RGB or BGR")
    ChannelOrder detectorOrder;

    @Option(names = "--embedder-order", description = "override the embedder's channel order: RGB or BGR")
    ChannelOrder embedderOrder;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    /** The result of one run, also used by tests. */
    public record Result(int pairs, int failedImages, double bestThreshold, double bestAccuracy, double kFoldMean,
                         double kFoldStd, double accuracyAtDefault) {
    }

    @Override
    public Integer call() {
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        if (pairs < 20 || pairs > 6000 || pairs % 20 != 0) {
            throw new MfrException(ErrorCode.USAGE, "--pairs must be a multiple of 20 between 20 and 6000");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        AnalyzerConfig cfg = models.config().withOrt(OrtSettings.singleThread())
                .withChannelOrders(detectorOrder, embedderOrder);
        Result r;
        try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
            r = evaluate(fa, root, pairs, cores, true, true);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("config", cfg.describe());
            m.put("result", r);
            System.out.println(Json.write(m));
        } else {
            System.out.printf(Locale.ROOT, "LFW View 2 sample: %d pairs, %d images without a face%n", r.pairs(), r.failedImages());
            System.out.printf(Locale.ROOT, "10-fold accuracy: %.2f %% +- %.2f%n", 100 * r.kFoldMean(), 100 * r.kFoldStd());
            System.out.printf(Locale.ROOT, "best accuracy: %.2f %% at threshold %.3f%n", 100 * r.bestAccuracy(), r.bestThreshold());
            System.out.printf(Locale.ROOT, "accuracy at the default threshold %.2f: %.2f %%%n",
                    DefaultModels.EMBEDDER_THRESHOLD, 100 * r.accuracyAtDefault());
        }
        return 0;
    }

    /** Samples the pairs, embeds every image once, scores the pairs. */
    public static Result evaluate(FaceAnalyzer fa, Path root, int n, int threads, boolean progressBar,
                                  boolean useCache) {
        Path pairsFile = root.resolve("pairs.txt");
        if (!Files.isRegularFile(pairsFile)) {
            throw new MfrException(ErrorCode.NOT_FOUND, pairsFile + ": no LFW pairs file");
        }
        List<ImagePair> all = PairsFile.read(pairsFile, root, "jpg");
        List<ImagePair> sample = PairsFile.foldBalancedSample(all, n);
        List<Path> files = new ArrayList<>();
        sample.forEach(p -> {
            files.add(p.first());
            files.add(p.second());
        });
        EmbeddingCache.Lookup emb;
        long unique = files.stream().distinct().count();
        if (progressBar) {
            try (ProgressBar pb = Progress.bar("embedding", unique)) {
                emb = EvalEmbeddings.cached(fa, files, threads, pb::stepTo, useCache);
            }
        } else {
            emb = EvalEmbeddings.cached(fa, files, threads, i -> { }, useCache);
        }
        Map<Path, float[]> vectors = emb.vectors();
        double[] scores = new double[sample.size()];
        boolean[] same = new boolean[sample.size()];
        int[] fold = new int[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            ImagePair p = sample.get(i);
            float[] a = vectors.get(p.first());
            float[] b = vectors.get(p.second());
            same[i] = p.same();
            fold[i] = p.fold();
            // A missing face is a wrong decision whatever the threshold: score it on the wrong side.
            scores[i] = a == null || b == null ? (p.same() ? -2 : 2) : dot(a, b);
        }
        double best = Verification.bestThreshold(scores, same);
        double[] kf = Verification.kFold(scores, same, fold, 10);
        return new Result(sample.size(), emb.failures().size(), best, Verification.accuracy(scores, same, best),
                kf[0], kf[1], Verification.accuracy(scores, same, DefaultModels.EMBEDDER_THRESHOLD));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
