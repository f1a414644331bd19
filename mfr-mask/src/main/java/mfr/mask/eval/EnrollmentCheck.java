package mfr.mask.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import mfr.core.face.Embedding;
import mfr.core.face.Face;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskRenderer;
import mfr.mask.render.MaskStyle;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;

/**
 * Masked-template enrollment on MFR2: each subject is enrolled from its unmasked photos; "with" adds, for each
 * enrollment photo, K templates of the same photo wearing synthetic masks. Probes are the real masked photos. A probe's
 * score against a subject is the best score over the subject's templates. Reports TAR at fixed FARs (thresholds from
 * the impostor scores: probe against every other subject) and rank-1 identification.
 */
public final class EnrollmentCheck {
    /** Figures of one gallery. */
    public record Figures(int templates, double tarAtFar1e2, double tarAtFar1e3, double rank1, double genuineMean,
                          double impostorMean) {
    }

    public record Result(int subjects, int probes, int k, int syntheticFailures, Figures without, Figures with) {
    }

    private final FaceAnalyzer fa;
    private final MaskRenderer renderer = new MaskRenderer();

    public EnrollmentCheck(FaceAnalyzer fa) {
        this.fa = fa;
    }

    public Result run(Mfr2Dataset ds, int k, List<MaskType> types, long seed, int threads, IntConsumer progress) {
        List<Path> files = ds.entries().stream().map(Mfr2Dataset.Entry::file).toList();
        AnalyzedSet<Path> base = AnalyzedSet.analyzeFiles(fa, files, threads, progress);
        Random rng = new Random(seed);
        record Job(Mfr2Dataset.Entry entry, MaskStyle style) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Mfr2Dataset.Entry e : ds.unmasked()) {
            if (base.faces().containsKey(e.file())) {
                for (int i = 0; i < k; i++) {
                    jobs.add(new Job(e, MaskStyle.random(types, rng)));
                }
            }
        }
        AnalyzedSet<Job> synth = AnalyzedSet.analyze(fa, jobs, j -> renderer.render(fa.load(j.entry().file()).image(),
                base.faces().get(j.entry().file()).landmarks(), j.style()), threads,
                i -> progress.accept(files.size() + i));
        Map<String, List<Embedding>> plain = new LinkedHashMap<>();
        Map<String, List<Embedding>> augmented = new LinkedHashMap<>();
        for (Mfr2Dataset.Entry e : ds.unmasked()) {
            Face f = base.faces().get(e.file());
            if (f != null) {
                plain.computeIfAbsent(e.identity(), x -> new ArrayList<>()).add(f.embedding());
                augmented.computeIfAbsent(e.identity(), x -> new ArrayList<>()).add(f.embedding());
            }
        }
        for (Job j : jobs) {
            Face f = synth.faces().get(j);
            if (f != null) {
                augmented.get(j.entry().identity()).add(f.embedding());
            }
        }
        List<Mfr2Dataset.Entry> probes = ds.masked().stream()
                .filter(e -> base.faces().containsKey(e.file()) && plain.containsKey(e.identity())).toList();
        Figures without = figures(probes, base, plain);
        Figures with = figures(probes, base, augmented);
        return new Result(plain.size(), probes.size(), k, synth.failures().size(), without, with);
    }

    private static Figures figures(List<Mfr2Dataset.Entry> probes, AnalyzedSet<Path> base,
                                   Map<String, List<Embedding>> gallery) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        int right = 0;
        for (Mfr2Dataset.Entry p : probes) {
            Embedding q = base.faces().get(p.file()).embedding();
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, List<Embedding>> s : gallery.entrySet()) {
                double score = s.getValue().stream().mapToDouble(q::similarity).max().orElse(-1);
                if (s.getKey().equals(p.identity())) {
                    genuine.add(score);
                } else {
                    impostor.add(score);
                }
                if (score > bestScore) {
                    bestScore = score;
                    best = s.getKey();
                }
            }
            if (p.identity().equals(best)) {
                right++;
            }
        }
        double[] g = RealismCheck.toArray(genuine);
        double[] im = RealismCheck.toArray(impostor);
        int templates = gallery.values().stream().mapToInt(List::size).sum();
        return new Figures(templates, tar(g, im, 1e-2), tar(g, im, 1e-3), (double) right / Math.max(1, probes.size()),
                Summary.of(g).mean(), Summary.of(im).mean());
    }

    /**
     * TAR at a FAR: the threshold is the smallest score that at most {@code far} of the impostor scores exceed
     * (strictly), and TAR is the share of genuine scores above it.
     */
    static double tar(double[] genuine, double[] impostor, double far) {
        double[] s = impostor.clone();
        Arrays.sort(s);
        int allowed = (int) Math.floor(far * s.length);
        double threshold = s[s.length - 1 - allowed];
        long accepted = Arrays.stream(genuine).filter(x -> x > threshold).count();
        return (double) accepted / Math.max(1, genuine.length);
    }
}
