package mfr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleanResult;
import mfr.data.clean.Cleaner;
import mfr.data.clean.CleaningEngine;
import mfr.data.dataset.IdentityFolder;
import mfr.data.noise.NoiseScore;
import mfr.data.noise.NoisyLabels;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "clean-check", mixinStandardHelpOptions = true,
        description = {"Measure cleaning on real faces with injected label noise: LFW identities with at least 2 images,",
            "10 %% of the images moved to random wrong identities and 5 %% of the identities split in two (seeded);",
            "then cleaning must find the moved images (precision and recall >= 0.9), re-merge >= 90 %% of the split",
            "identities, and merge no truly distinct identities (merge precision >= 0.95). Exit 0 either way; the",
            "figures and PASS/FAIL per target are printed.",
            "Examples:",
            "  mfr clean-check --engine spark",
            "  mfr clean-check --model celeba-iter-r2     # a model trained by 'mfr clean --rounds' (or 'mfr train')"})
public final class CleanCheckCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "LFW folder (default: $MFR_DATA/lfw-deepfunneled)")
    Path data;

    @Option(names = "--move", defaultValue = "0.10", description = "fraction of images moved (default: ${DEFAULT-VALUE})")
    double move;

    @Option(names = "--split", defaultValue = "0.05", description = "fraction of identities split (default: ${DEFAULT-VALUE})")
    double split;

    @Option(names = "--noise-seed", defaultValue = "2021", description = "seed of the injected noise (default: ${DEFAULT-VALUE})")
    long noiseSeed;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--model", paramLabel = "ID", defaultValue = "fr_feature",
            description = "embedding model id from 'mfr models list' (default: ${DEFAULT-VALUE})")
    String model;

    @Mixin
    CleanOptions options;

    @Override
    public Integer call() {
        Path root = data != null ? data : SharedData.dataset("lfw-deepfunneled")
                .orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, SharedData.missingReason("lfw-deepfunneled")));
        IdentityFolder folder = IdentityFolder.scan(root, 2);
        DatasetEmbeddings.Result emb;
        String modelId;
        try (FaceAnalyzer fa = FaceAnalyzer.open(mfr.onnx.analyzer.AnalyzerConfig.defaults().withEmbedder(model)
                .withOrt(OrtSettings.singleThread()))) {
            modelId = fa.embedder().modelId();
            emb = DatasetEmbeddings.embed(fa, folder);
        }
        NoisyLabels noise = NoisyLabels.inject(emb.set(), move, split, noiseSeed);
        CleanConfig config = options.config();
        CleanResult r;
        String engineName;
        long t0 = System.nanoTime();
        try (CleaningEngine engine = options.open()) {
            engineName = engine.name();
            r = new Cleaner(engine, config, System.err::println).clean(noise.noisy());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        NoiseScore s = NoiseScore.of(noise, r);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", root.toString());
        m.put("identities", folder.identities().size());
        m.put("model", modelId);
        m.put("images", emb.set().size());
        m.put("leftOut", emb.failures().size());
        m.put("engine", engineName);
        m.put("config", config.describe());
        m.put("mergeThresholds", r.mergeThresholds());
        m.put("score", s);
        m.put("movedPrecision", s.movedPrecision());
        m.put("movedRecall", s.movedRecall());
        m.put("remergeRate", s.remergeRate());
        m.put("mergePrecision", s.mergePrecision());
        m.put("cleanSeconds", seconds);
        if (json) {
            System.out.println(Json.write(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "LFW: %d identities with 2+ images, %d images embedded by %s (%d left out)%n",
                folder.identities().size(), emb.set().size(), modelId, emb.failures().size());
        System.out.printf(Locale.ROOT, "noise: %d images moved, %d identities split (seed %d); %d splits keep a"
                + " correctly labelled image in both halves and count for re-merging%n", s.moved(),
                noise.splitOf().size(), noiseSeed, s.splitIdentities());
        System.out.printf(Locale.ROOT, "cleaning [%s] in %.1f s, merge thresholds %s (by smaller identity: 1 / 2 / 3+)%n",
                engineName, seconds, java.util.Arrays.toString(r.mergeThresholds()));
        line("moved images found, precision", s.movedPrecision(), 0.9, s.movedFound() + "/" + s.flagged());
        line("moved images found, recall", s.movedRecall(), 0.9, s.movedFound() + "/" + s.moved());
        line("split identities re-merged", s.remergeRate(), 0.9, s.splitsRemerged() + "/" + s.splitIdentities());
        line("merge precision", s.mergePrecision(), 0.95, s.correctMerges() + "/" + s.merges());
        System.out.printf(Locale.ROOT, "  relabelled samples (counted as found above): %d, %d of them to their own"
                + " person%n", s.relabelled(), s.correctRelabels());
        return 0;
    }

    private static void line(String what, double value, double target, String counts) {
        System.out.printf(Locale.ROOT, "  %-32s %6.3f  (%s)  target >= %.2f  %s%n", what, value, counts, target,
                value >= target ? "PASS" : "FAIL");
    }
}
