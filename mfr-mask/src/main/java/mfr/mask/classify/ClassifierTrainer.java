package mfr.mask.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.mask.eval.AnalyzedSet;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * Trains the mask classifier on synthetic masks only: every training photo gives an unmasked example (the photo) and
 * a masked one (the photo with a random synthetic mask drawn from its 68 landmarks), both run through the whole
 * pipeline as a real photo would be (detect, landmarks, align, embed).
 */
public final class ClassifierTrainer {
    /**
     * @param kind       features
     * @param types      mask types drawn
     * @param l2         L2 penalty
     * @param iterations gradient steps
     * @param seed       seed of the masks
     * @param threads    analysis threads
     */
    public record Config(FeatureKind kind, List<MaskType> types, double l2, int iterations, long seed, int threads) {
    }

    /** Features and labels of the training photos. */
    public record Examples(List<float[]> x, boolean[] masked, int photos, int failures) {
    }

    private final FaceAnalyzer fa;
    private final MaskRenderer renderer = new MaskRenderer();

    public ClassifierTrainer(FaceAnalyzer fa) {
        this.fa = fa;
    }

    /** Builds the examples; progress counts analyses (two per photo). */
    public Examples examples(List<Path> photos, Config cfg, IntConsumer progress) {
        AnalyzedSet<Path> plain = AnalyzedSet.analyzeFiles(fa, photos, cfg.threads(), progress);
        Random rng = new Random(cfg.seed());
        Map<Path, MaskStyle> styles = new LinkedHashMap<>();
        for (Path p : photos) {
            MaskStyle s = MaskStyle.random(cfg.types(), rng);
            if (plain.faces().containsKey(p)) {
                styles.put(p, s);
            }
        }
        AnalyzedSet<Path> masked = AnalyzedSet.analyze(fa, styles.keySet(), p -> masked(p, plain.faces().get(p),
                styles.get(p)), cfg.threads(), i -> progress.accept(photos.size() + i));
        List<float[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Path p : photos) {
            Face f0 = plain.faces().get(p);
            Face f1 = masked.faces().get(p);
            if (f0 != null) {
                x.add(MaskClassifier.features(cfg.kind(), f0));
                y.add(false);
            }
            if (f1 != null) {
                x.add(MaskClassifier.features(cfg.kind(), f1));
                y.add(true);
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        return new Examples(x, labels, photos.size(), plain.failures().size() + masked.failures().size());
    }

    private RgbImage masked(Path p, Face f, MaskStyle s) {
        return renderer.render(fa.load(p).image(), f.landmarks(), s);
    }

    public MaskClassifier fit(Examples ex, Config cfg, String embedderId, Map<String, Object> provenance) {
        LogisticModel m = LogisticModel.fit(ex.x(), ex.masked(), cfg.l2(), cfg.iterations());
        return new MaskClassifier(cfg.kind(), embedderId, m, 0.5, provenance);
    }
}
