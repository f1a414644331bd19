package mfr.mask.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * How close synthetic masks are to real ones, as the embedder sees them. On MFR2, for the identities with at least two
 * unmasked photos: real pairs are (real masked photo, unmasked photo) of the same person; synthetic pairs are
 * (unmasked photo i with a synthetic mask, unmasked photo j != i) of the same person. Masked images, real or synthetic,
 * go through the whole pipeline (detect, landmarks, align, embed), as a masked photo would.
 */
public final class RealismCheck {
    /**
     * @param variants synthetic masks drawn on each unmasked photo
     * @param types    mask types to draw from (null: the types of MFR2's own masked photos, with their frequencies)
     * @param seed     random seed
     * @param threads  analysis threads
     */
    public record Config(int variants, List<MaskType> types, long seed, int threads) {
    }

    /** One synthetic image: which photo, which variant, which style. */
    public record Synthetic(Mfr2Dataset.Entry source, int variant, MaskStyle style) {
    }

    public record Result(Summary real, Summary synthetic, double meanDifference, double ks, double ksPValue,
                         int identities, int realFailures, int syntheticFailures, int syntheticImages,
                         Map<String, Summary> realByType, Map<String, Summary> syntheticByType) {
    }

    private final FaceAnalyzer fa;
    private final MaskRenderer renderer = new MaskRenderer();
    private double[] lastReal = new double[0];
    private double[] lastSynthetic = new double[0];

    public RealismCheck(FaceAnalyzer fa) {
        this.fa = fa;
    }

    public Result run(Mfr2Dataset ds, Config cfg, IntConsumer progress) {
        Map<String, List<Mfr2Dataset.Entry>> byId = ds.byIdentity();
        List<String> ids = byId.entrySet().stream()
                .filter(e -> e.getValue().stream().filter(x -> !x.masked()).count() >= 2).map(Map.Entry::getKey).toList();
        List<Path> files = ds.entries().stream().filter(e -> ids.contains(e.identity())).map(Mfr2Dataset.Entry::file).toList();
        AnalyzedSet<Path> base = AnalyzedSet.analyzeFiles(fa, files, cfg.threads(), progress);
        List<MaskType> pool = cfg.types() != null ? cfg.types() : mfr2Types(ds);
        Random rng = new Random(cfg.seed());
        List<Synthetic> synth = new ArrayList<>();
        for (String id : ids) {
            for (Mfr2Dataset.Entry u : byId.get(id)) {
                if (!u.masked() && base.faces().containsKey(u.file())) {
                    for (int v = 0; v < cfg.variants(); v++) {
                        synth.add(new Synthetic(u, v, MaskStyle.random(pool, rng)));
                    }
                }
            }
        }
        AnalyzedSet<Synthetic> masked = AnalyzedSet.analyze(fa, synth, s -> render(base, s), cfg.threads(),
                i -> progress.accept(files.size() + i));
        List<Double> real = new ArrayList<>();
        List<Double> syn = new ArrayList<>();
        Map<String, List<Double>> realBy = new LinkedHashMap<>();
        Map<String, List<Double>> synBy = new LinkedHashMap<>();
        for (String id : ids) {
            List<Mfr2Dataset.Entry> es = byId.get(id);
            for (Mfr2Dataset.Entry m : es) {
                Face fm = base.faces().get(m.file());
                if (!m.masked() || fm == null) {
                    continue;
                }
                for (Mfr2Dataset.Entry u : es) {
                    Face fu = base.faces().get(u.file());
                    if (!u.masked() && fu != null) {
                        double s = fm.embedding().similarity(fu.embedding());
                        real.add(s);
                        realBy.computeIfAbsent(m.label(), k -> new ArrayList<>()).add(s);
                    }
                }
            }
        }
        for (Synthetic s : synth) {
            Face fs = masked.faces().get(s);
            if (fs == null) {
                continue;
            }
            for (Mfr2Dataset.Entry u : byId.get(s.source().identity())) {
                Face fu = base.faces().get(u.file());
                if (!u.masked() && fu != null && !u.equals(s.source())) {
                    double v = fs.embedding().similarity(fu.embedding());
                    syn.add(v);
                    synBy.computeIfAbsent(s.style().type().label(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        double[] r = toArray(real);
        double[] y = toArray(syn);
        lastReal = r;
        lastSynthetic = y;
        Summary sr = Summary.of(r);
        Summary sy = Summary.of(y);
        double d = KolmogorovSmirnov.statistic(r, y);
        long realFail = files.stream().filter(f -> !base.faces().containsKey(f)).count();
        return new Result(sr, sy, sy.mean() - sr.mean(), d, KolmogorovSmirnov.pValue(d, r.length, y.length),
                ids.size(), (int) realFail, masked.failures().size(), synth.size(), summaries(realBy), summaries(synBy));
    }

    /** The real same-person similarities of the last run (for plots). */
    public double[] lastReal() {
        return lastReal.clone();
    }

    /** The synthetic same-person similarities of the last run. */
    public double[] lastSynthetic() {
        return lastSynthetic.clone();
    }

    /** The unmasked photo with the synthetic mask drawn on it, from its own 68 landmarks. */
    RgbImage render(AnalyzedSet<Path> base, Synthetic s) {
        Face f = base.faces().get(s.source().file());
        return renderer.render(fa.load(s.source().file()).image(), f.landmarks(), s.style());
    }

    /** The mask types of MFR2's masked photos, one entry per photo (so drawing from it follows their frequencies). */
    public static List<MaskType> mfr2Types(Mfr2Dataset ds) {
        List<MaskType> out = new ArrayList<>();
        for (Mfr2Dataset.Entry e : ds.masked()) {
            MaskType t = MaskType.ofLabel(e.label());
            if (t == null && e.label().equalsIgnoreCase("N99")) {
                t = MaskType.N95; // N99 respirators look like N95 ones
            }
            if (t != null) {
                out.add(t);
            }
        }
        return out.isEmpty() ? List.of(MaskType.values()) : out;
    }

    private static Map<String, Summary> summaries(Map<String, List<Double>> m) {
        Map<String, Summary> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), Summary.of(toArray(e.getValue()))));
        return out;
    }

    static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
