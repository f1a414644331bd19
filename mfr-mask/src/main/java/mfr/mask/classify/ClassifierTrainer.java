package mfr.mask.classify;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import mfr.core.align.FaceAligner;
import mfr.core.face.Face;
import mfr.core.geometry.Point;
import mfr.core.geometry.SimilarityTransform;
import mfr.core.image.RgbImage;
import mfr.core.task.Parallel;
import mfr.mask.eval.AnalyzedSet;
import mfr.mask.render.ClothPattern;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * Makes the mask classifier's examples from synthetic masks only, and fits the logistic regression on them (the CNN is
 * trained on the same examples by mfr-train, through {@code mfr mask train-classifier --features CNN}, and the blend
 * is both on the same examples, {@code --features BLEND}): every training
 * photo gives an unmasked example (the photo) and a masked one (the photo with a random synthetic mask drawn from its
 * 68 landmarks), both run through the whole pipeline as a real photo would be (detect, landmarks, align, embed).
 * <p>
 * Two augmentations make the synthetic examples less tidy than the pipeline makes them:
 * <ul>
 * <li>{@code misaligned}: extra crops of each example (masked and unmasked alike) aligned on landmarks whose nose
 * and mouth are pulled towards the eyes (by a random factor 0.4..1). On real masks the landmark model often puts the
 * mouth on the top edge of the mask, so the aligned crop is zoomed in on the eyes and the mask fills only its bottom
 * rows; synthetic masks, which follow the jaw exactly, rarely fool it that way.</li>
 * <li>{@code randomColour}: the share of masks whose colour is replaced by a random one (any hue, saturation 0..0.8,
 * value 0.15..0.95), so that the classifier does not learn the few type colours (and sees masks of skin-like
 * chroma, e.g. maroon).</li>
 * </ul>
 */
public final class ClassifierTrainer {
    /**
     * @param kind         features
     * @param types        mask types drawn
     * @param l2           L2 penalty
     * @param iterations   gradient steps
     * @param seed         seed of the masks and augmentations
     * @param threads      analysis threads
     * @param misaligned   extra misaligned crops per example (0 = none)
     * @param randomColour share of masks drawn in a random colour (0 = the type colours only)
     */
    public record Config(FeatureKind kind, List<MaskType> types, double l2, int iterations, long seed, int threads,
                         int misaligned, double randomColour) {
        /** The configuration without augmentations (the first classifier's). */
        public Config(FeatureKind kind, List<MaskType> types, double l2, int iterations, long seed, int threads) {
            this(kind, types, l2, iterations, seed, threads, 0, 0);
        }
    }

    /**
     * The examples made from the photos, whatever the features: faces (aligned crop, and the embedding of that crop
     * when the features use it) and labels (true = masked). {@link #features} gives any kind's features of them.
     */
    public record Examples(List<Face> faces, boolean[] masked, int photos, int failures) {
        public int size() {
            return faces.size();
        }

        /** The features of every example, in order. */
        public List<float[]> features(FeatureKind kind) {
            List<float[]> x = new ArrayList<>(faces.size());
            for (Face f : faces) {
                x.add(MaskClassifier.features(kind, f));
            }
            return x;
        }
    }

    private final FaceAnalyzer fa;
    private final MaskRenderer renderer = new MaskRenderer();

    public ClassifierTrainer(FaceAnalyzer fa) {
        this.fa = fa;
    }

    /** The mask style of each photo: the type's look, or with probability {@code randomColour} a random colour. */
    static MaskStyle style(List<MaskType> types, double randomColour, Random rng) {
        MaskStyle s = MaskStyle.random(types, rng);
        if (randomColour > 0 && rng.nextDouble() < randomColour) {
            int c = Color.HSBtoRGB(rng.nextFloat(), 0.8f * rng.nextFloat(), 0.15f + 0.8f * rng.nextFloat()) & 0xffffff;
            s = new MaskStyle(s.type(), c, s.pattern() == ClothPattern.PLAIN ? c : s.accentRgb(), s.pattern(),
                    s.patternScale(), s.top(), s.chinDrop(), s.bulge(), s.earLoops(), s.noise(), s.seed());
        }
        return s;
    }

    /** Builds the examples; progress counts analyses (two per photo). */
    public Examples examples(List<Path> photos, Config cfg, IntConsumer progress) {
        AnalyzedSet<Path> plain = AnalyzedSet.analyzeFiles(fa, photos, cfg.threads(), progress);
        Random rng = new Random(cfg.seed());
        Map<Path, MaskStyle> styles = new LinkedHashMap<>();
        for (Path p : photos) {
            MaskStyle s = style(cfg.types(), cfg.randomColour(), rng);
            if (plain.faces().containsKey(p)) {
                styles.put(p, s);
            }
        }
        AnalyzedSet<Path> masked = AnalyzedSet.analyze(fa, styles.keySet(), p -> masked(p, plain.faces().get(p),
                styles.get(p)), cfg.threads(), i -> progress.accept(photos.size() + i));
        Map<Path, List<Face>> extraPlain = new ConcurrentHashMap<>();
        Map<Path, List<Face>> extraMasked = new ConcurrentHashMap<>();
        if (cfg.misaligned() > 0) {
            Parallel.forEach(styles.keySet(), cfg.threads(), p -> {
                // One generator per photo, seeded from the seed and the photo's name: the same crops on any thread.
                Random r = new Random(cfg.seed() * 1_000_003L + p.getFileName().toString().hashCode());
                RgbImage image = fa.load(p).image();
                extraPlain.put(p, misaligned(plain.faces().get(p), image, cfg, r));
                Face m = masked.faces().get(p);
                if (m != null) {
                    extraMasked.put(p, misaligned(m, masked(p, plain.faces().get(p), styles.get(p)), cfg, r));
                }
            });
        }
        List<Face> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (Path p : photos) {
            Face f0 = plain.faces().get(p);
            Face f1 = masked.faces().get(p);
            if (f0 != null) {
                x.add(f0);
                y.add(false);
                for (Face e : extraPlain.getOrDefault(p, List.of())) {
                    x.add(e);
                    y.add(false);
                }
            }
            if (f1 != null) {
                x.add(f1);
                y.add(true);
                for (Face e : extraMasked.getOrDefault(p, List.of())) {
                    x.add(e);
                    y.add(true);
                }
            }
        }
        boolean[] labels = new boolean[y.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i);
        }
        return new Examples(x, labels, photos.size(), plain.failures().size() + masked.failures().size());
    }

    /**
     * {@code cfg.misaligned()} crops of the face aligned on its 5 points with the nose and mouth pulled towards the
     * eyes' midpoint by a random factor 0.4..1 (re-embedded when the features need the embedding).
     */
    private List<Face> misaligned(Face f, RgbImage image, Config cfg, Random r) {
        List<Face> out = new ArrayList<>();
        List<Point> five = f.landmarks().toFivePoints().points();
        double ex = (five.get(0).x() + five.get(1).x()) / 2;
        double ey = (five.get(0).y() + five.get(1).y()) / 2;
        for (int j = 0; j < cfg.misaligned(); j++) {
            double k = 0.4 + 0.6 * r.nextDouble();
            List<Point> q = new ArrayList<>(five.subList(0, 2));
            for (Point p : five.subList(2, 5)) {
                q.add(new Point(ex + (p.x() - ex) * k, ey + (p.y() - ey) * k));
            }
            SimilarityTransform t = SimilarityTransform.estimate(q, FaceAligner.ARCFACE_TEMPLATE);
            RgbImage crop = FaceAligner.warp(image, t, FaceAligner.SIZE, FaceAligner.SIZE);
            out.add(new Face(f.box(), f.score(), f.landmarks(), crop,
                    cfg.kind().needsEmbedding() ? fa.embedAligned(crop) : f.embedding()));
        }
        return out;
    }

    private RgbImage masked(Path p, Face f, MaskStyle s) {
        return renderer.render(fa.load(p).image(), f.landmarks(), s);
    }

    /**
     * Logistic regression on the examples' features ({@code cfg.kind()}, not {@link FeatureKind#CNN} or
     * {@link FeatureKind#BLEND}).
     */
    public MaskClassifier fit(Examples ex, Config cfg, String embedderId, Map<String, Object> provenance) {
        return new MaskClassifier(cfg.kind(), embedderId, logistic(ex, cfg.kind(), cfg), 0.5, provenance);
    }

    /**
     * The logistic regression on the examples' features of {@code kind} with {@code cfg}'s L2 penalty and steps (also
     * the blend's logistic member, on {@link FeatureKind#PIXELS}).
     */
    public static LogisticModel logistic(Examples ex, FeatureKind kind, Config cfg) {
        if (kind == FeatureKind.CNN || kind == FeatureKind.BLEND) {
            throw new IllegalArgumentException("the CNN is trained by mfr-train ('mfr mask train-classifier --features "
                    + kind + "'), not by logistic regression");
        }
        return LogisticModel.fit(ex.features(kind), ex.masked(), cfg.l2(), cfg.iterations());
    }

    /**
     * Accuracy of {@code clf} on synthetic examples (e.g. of identities held out from training).
     *
     * @return {masked called masked, masked called unmasked, unmasked called unmasked, unmasked called masked}
     */
    public static int[] confusion(MaskClassifier clf, Examples ex) {
        int[] c = new int[4];
        for (int i = 0; i < ex.size(); i++) {
            boolean said = clf.probabilityOf(clf.featuresOf(ex.faces().get(i))) >= clf.threshold();
            c[ex.masked()[i] ? (said ? 0 : 1) : (said ? 3 : 2)]++;
        }
        return c;
    }
}
