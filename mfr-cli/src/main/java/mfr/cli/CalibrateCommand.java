package mfr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mfr.core.dataset.ImagePair;
import mfr.core.dataset.PairsFile;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.eval.cache.EmbeddingCache;
import mfr.server.recognition.Calibration;
import mfr.server.recognition.OperatingPoint;
import mfr.server.recognition.OperatingPoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrates the decision thresholds (operating points) of an embedding model at target false-accept",
            "rates from LFW: the first image of each of N identities gives N(N-1)/2 impostor pairs; the genuine pairs of",
            "pairs.txt give the true-accept rate at each threshold. Writes $MFR_HOME/models/operating-points/<model>.json,",
            "which 'mfr serve' reads (a request picks a point with ?operatingPoint=far-1e-4).",
            "Masked points (used by 'mfr serve' when the mask classifier finds a probe masked): the same first images,",
            "each also with a synthetic mask (as 'mfr eval lfw --mask-one-side': type and shape seeded by --mask-seed and",
            "the file name), give N(N-1) masked-vs-unmasked impostor pairs; the genuine pairs with the second image",
            "masked give the true-accept rate. Never calibrated on MFR2 (the evaluation set).",
            "Example: mfr calibrate --far 1e-3,1e-4"})
public final class CalibrateCommand implements Callable<Integer> {
    @Option(names = "--identities", defaultValue = "100000", description = "identities to use (default: all of them)")
    int identities;

    @Option(names = "--far", split = ",", defaultValue = "1e-2,1e-3,1e-4,1e-5,1e-6",
            description = "target false-accept rates (default: ${DEFAULT-VALUE}); rates with fewer than 10 impostor pairs are skipped")
    double[] fars;

    @Option(names = "--default", defaultValue = "far-1e-4", description = "default operating point (default: ${DEFAULT-VALUE})")
    String defaultPoint;

    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--dry-run", description = "print, do not write the file")
    boolean dryRun;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--no-masked", description = "skip the masked operating points")
    boolean noMasked;

    @Option(names = "--mask-seed", defaultValue = "1", description = "seed of the synthetic masks (default: ${DEFAULT-VALUE})")
    long maskSeed;

    @Option(names = "--no-cache", description = "do not read or write the embedding cache"
            + " ($MFR_HOME/cache/embeddings, shared with 'mfr eval', masked side with 'mfr eval --mask-one-side')")
    boolean noCache;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws IOException {
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        List<Path> firsts = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> fs = Files.list(d)) {
                    fs.filter(f -> f.toString().endsWith(".jpg")).sorted().findFirst().ifPresent(firsts::add);
                }
                if (firsts.size() == identities) {
                    break;
                }
            }
        }
        List<ImagePair> pairs = PairsFile.read(root.resolve("pairs.txt"), root, "jpg");
        List<Path> files = new ArrayList<>(firsts);
        pairs.stream().filter(ImagePair::same).forEach(p -> {
            files.add(p.first());
            files.add(p.second());
        });
        int cores = Runtime.getRuntime().availableProcessors();
        try (EvalEmbeddings emb = new EvalEmbeddings(models)) {
            System.err.printf(Locale.ROOT, "calibrate: embedding %d images on %d threads (cached: %s)...%n",
                    files.stream().distinct().count(), cores, noCache ? "no" : "yes");
            EmbeddingCache.Lookup r = emb.embed(files, noCache, cores);
            List<float[]> impostorSet = new ArrayList<>();
            for (Path p : firsts) {
                float[] e = r.vectors().get(p);
                if (e != null) {
                    impostorSet.add(e);
                }
            }
            List<Float> genuine = new ArrayList<>();
            for (ImagePair p : pairs) {
                float[] a = r.vectors().get(p.first());
                float[] b = r.vectors().get(p.second());
                if (p.same() && a != null && b != null) {
                    genuine.add(dot(a, b));
                }
            }
            float[] imp = Calibration.impostorScores(impostorSet);
            String modelId = emb.config().embedderId();
            OperatingPoints ops = Calibration.points(modelId, imp, floats(genuine), fars, defaultPoint,
                    String.format(Locale.ROOT, "LFW deep-funneled, first image of %d identities (%d without a face)",
                            firsts.size(), firsts.size() - impostorSet.size()));
            if (!noMasked) {
                // a masked point is used in place of the unmasked point of its name: keep those that have one
                List<String> names = ops.points().stream().map(OperatingPoint::name).toList();
                List<OperatingPoint> m = masked(emb, firsts, pairs, r, fars, cores);
                m.stream().filter(p -> !names.contains(p.name())).forEach(p -> System.err.printf(Locale.ROOT,
                        "calibrate: masked %s (threshold %.4f) left out: no unmasked point of that name%n", p.name(),
                        p.threshold()));
                ops = ops.withMasked(m.stream().filter(p -> names.contains(p.name())).toList());
            }
            Path modelsDir = emb.config().home().models();
            if (!dryRun) {
                ops.write(modelsDir);
                System.err.println("calibrate: wrote " + OperatingPoints.file(modelsDir, modelId));
            }
            if (json) {
                System.out.println(Json.write(ops));
            } else {
                System.out.printf(Locale.ROOT, "%s: default %s%n", modelId, ops.defaultPoint());
                for (OperatingPoint p : ops.points()) {
                    System.out.printf(Locale.ROOT, "  %-10s threshold %.4f  (%s)%n", p.name(), p.threshold(), p.measured());
                }
                if (!ops.masked().isEmpty()) {
                    System.out.println("masked probes:");
                }
                for (OperatingPoint p : ops.masked()) {
                    System.out.printf(Locale.ROOT, "  %-10s threshold %.4f  (%s)%n", p.name(), p.threshold(), p.measured());
                }
            }
        }
        return 0;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    private static float[] floats(List<Float> xs) {
        float[] out = new float[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = xs.get(i);
        }
        return out;
    }

    /**
     * Masked operating points: the first image of each identity embedded masked (seeded synthetic mask on its aligned
     * face) against the unmasked embeddings of the others; genuine pairs with their second image masked.
     */
    private List<OperatingPoint> masked(EvalEmbeddings emb, List<Path> firsts, List<ImagePair> pairs,
                                        EmbeddingCache.Lookup plain, double[] fars, int cores) {
        List<Path> toMask = new ArrayList<>(firsts);
        pairs.stream().filter(ImagePair::same).forEach(p -> toMask.add(p.second()));
        System.err.printf(Locale.ROOT, "calibrate: masking and embedding %d images (seed %d)...%n",
                toMask.stream().distinct().count(), maskSeed);
        EmbeddingCache.Lookup m = emb.embedMasked(toMask, noCache, cores, maskSeed);
        List<float[]> maskedSide = new ArrayList<>();
        List<float[]> plainSide = new ArrayList<>();
        for (Path p : firsts) {
            float[] e = plain.vectors().get(p);
            float[] v = m.vectors().get(p);
            if (e != null && v != null) {
                plainSide.add(e);
                maskedSide.add(v);
            }
        }
        List<Float> genuine = new ArrayList<>();
        for (ImagePair p : pairs) {
            float[] a = plain.vectors().get(p.first());
            float[] b = m.vectors().get(p.second());
            if (p.same() && a != null && b != null) {
                genuine.add(dot(a, b));
            }
        }
        float[] g = floats(genuine);
        float[] imp = Calibration.crossImpostorScores(maskedSide, plainSide);
        return Calibration.list(imp, g, fars, String.format(Locale.ROOT, "LFW deep-funneled, first image of %d"
                + " identities, each masked (synthetic, seed %d) against the others unmasked (%d without a face"
                + " on either side)", firsts.size(), maskSeed, firsts.size() - maskedSide.size()));
    }
}
