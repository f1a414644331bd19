package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import mfr.data.clean.EmbeddingSet;
import mfr.data.dataset.IdentityFolder;
import mfr.eval.cache.EmbeddingCache;
import mfr.onnx.analyzer.FaceAnalyzer;

/** Embeds every image of an identity folder (main face, cached per model) into an {@link EmbeddingSet}. */
final class DatasetEmbeddings {
    /**
     * The set, the images left out with why (unreadable, no face), and how many images came from the cache and how
     * many were embedded now.
     */
    record Result(EmbeddingSet set, Map<Path, String> failures, int cached, int computed) {
    }

    private DatasetEmbeddings() {
    }

    static Result embed(FaceAnalyzer fa, IdentityFolder folder) {
        List<Path> files = new ArrayList<>();
        folder.images().forEach(files::addAll);
        EmbeddingCache.Lookup r;
        try (ProgressBar pb = Progress.bar("embedding", files.size())) {
            r = EvalEmbeddings.cached(fa, files, Runtime.getRuntime().availableProcessors(), pb::stepTo, true);
        }
        List<String> items = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int id = 0; id < folder.identities().size(); id++) {
            for (Path p : folder.images().get(id)) {
                float[] e = r.vectors().get(p);
                if (e != null) {
                    items.add(p.toString());
                    labels.add(id);
                    vectors.add(e);
                }
            }
        }
        EmbeddingSet set = new EmbeddingSet(items, labels.stream().mapToInt(Integer::intValue).toArray(),
                folder.identities(), vectors.toArray(new float[0][]));
        return new Result(set, new LinkedHashMap<>(r.failures()), r.hits(), r.computed());
    }
}
