package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.dataset.ImagePair;
import mfr.eval.cache.EmbeddingCache;
import mfr.eval.group.ImageLabels;
import mfr.eval.protocol.PairEvaluation;
import mfr.eval.report.EvalReport;
import picocli.CommandLine.Mixin;

/** What the pair protocols share: embed every image of the pairs (cached), score, report. */
abstract class PairsEvalBase implements Callable<Integer> {
    @Mixin
    EvalOptions opts;

    @Mixin
    ModelOptions models;

    abstract String protocol();

    abstract Path root();

    abstract List<ImagePair> pairs(Path root);

    private static Path maskedKey(Path p) {
        return p.resolveSibling(p.getFileName() + "#masked");
    }

    /** Labels that come with the dataset, or null. */
    ImageLabels builtInLabels(Path root) {
        return null;
    }

    @Override
    public Integer call() {
        EvalReport r = evaluate();
        return EvalOutput.emit(r, opts);
    }

    /** Runs {@code cmd} as if called with {@code args} (for commands that combine several protocols). */
    static EvalReport evaluate(PairsEvalBase cmd, List<String> args) {
        new picocli.CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        return cmd.evaluate();
    }

    EvalReport evaluate() {
        Path root = root();
        List<ImagePair> pairs = pairs(root);
        ImageLabels labels = opts.labels(builtInLabels(root));
        List<Path> files = new ArrayList<>();
        pairs.forEach(p -> {
            files.add(p.first());
            files.add(p.second());
        });
        try (EvalEmbeddings emb = new EvalEmbeddings(models)) {
            Map<String, Object> settings = new LinkedHashMap<>(emb.config().describe());
            settings.put("pairs", pairs.size());
            if (!opts.maskOneSide) {
                EmbeddingCache.Lookup lookup = emb.embed(files, opts);
                settings.put("cacheHits", lookup.hits());
                settings.put("embedded", lookup.computed());
                return PairEvaluation.evaluate(protocol(), root, emb.modelKey(), pairs, lookup.vectors(),
                        lookup.failures(), labels, opts.evaluation(), settings);
            }
            // Mask-to-nonmask: the first image as it is, the second with a synthetic mask (its own cache entries,
            // keyed here as "<file>#masked" so that an image used on both sides keeps both embeddings).
            EmbeddingCache.Lookup plain = emb.embed(pairs.stream().map(ImagePair::first).toList(), opts);
            EmbeddingCache.Lookup masked = emb.embedMasked(pairs.stream().map(ImagePair::second).toList(), opts,
                    opts.maskSeed);
            Map<Path, float[]> vectors = new java.util.HashMap<>(plain.vectors());
            Map<Path, String> failures = new java.util.HashMap<>(plain.failures());
            masked.vectors().forEach((p, v) -> vectors.put(maskedKey(p), v));
            masked.failures().forEach((p, f) -> failures.put(maskedKey(p), f));
            List<ImagePair> maskedPairs = pairs.stream()
                    .map(p -> new ImagePair(p.first(), maskedKey(p.second()), p.same(), p.fold())).toList();
            settings.put("maskOneSide", true);
            settings.put("maskSeed", opts.maskSeed);
            settings.put("cacheHits", plain.hits() + masked.hits());
            settings.put("embedded", plain.computed() + masked.computed());
            return PairEvaluation.evaluate(protocol() + "-mask-to-nonmask", root, emb.modelKey(), maskedPairs,
                    vectors, failures, labels, opts.evaluation(), settings);
        }
    }
}
