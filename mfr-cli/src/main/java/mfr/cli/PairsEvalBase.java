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

    /** Labels that come with the dataset, or null. */
    ImageLabels builtInLabels(Path root) {
        return null;
    }

    @Override
    public Integer call() {
        opts.refuseMaskOneSide();
        EvalReport r = evaluate();
        return EvalOutput.emit(r, opts);
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
            EmbeddingCache.Lookup lookup = emb.embed(files, opts);
            Map<String, Object> settings = new LinkedHashMap<>(emb.config().describe());
            settings.put("pairs", pairs.size());
            settings.put("cacheHits", lookup.hits());
            settings.put("embedded", lookup.computed());
            return PairEvaluation.evaluate(protocol(), root, emb.modelKey(), pairs, lookup.vectors(), lookup.failures(),
                    labels, opts.evaluation(), settings);
        }
    }
}
