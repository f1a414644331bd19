package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.face.Face;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.DefaultModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the main faces (largest box) of two images: cosine similarity in [-1, 1] and a decision.",
            "'same' when the similarity is at or above the threshold. The default, 0.30, is the best threshold of the",
            "default model on all 6,000 LFW View 2 pairs (docs/models.md); raise it for fewer false accepts.",
            "Exit code 0 for either decision; 5 when an image has no face.",
            "Example: mfr compare a.jpg b.jpg"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "first image")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "second image")
    Path b;

    @Option(names = "--threshold", paramLabel = "T", description = "decision threshold (default: the model's, 0.30 for fr_feature)")
    Double threshold;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        double t = threshold != null ? threshold : DefaultModels.EMBEDDER_THRESHOLD;
        try (FaceAnalyzer fa = models.open()) {
            var ia = fa.load(a);
            var ib = fa.load(b);
            Face fa1 = fa.mainFace(ia);
            Face fb1 = fa.mainFace(ib);
            double sim = fa1.embedding().similarity(fb1.embedding());
            boolean same = sim >= t;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", a.toString());
                m.put("b", b.toString());
                m.put("model", fa1.embedding().modelId());
                m.put("similarity", Math.round(sim * 10000) / 10000.0);
                m.put("threshold", t);
                m.put("decision", same ? "same" : "different");
                System.out.println(Json.write(m));
            } else {
                System.out.printf(Locale.ROOT, "similarity %.4f (threshold %.2f): %s%n", sim, t,
                        same ? "same person" : "different people");
            }
        }
        return 0;
    }
}
