package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleanResult;
import mfr.data.clean.Cleaner;
import mfr.data.clean.CleaningEngine;
import mfr.data.dataset.IdentityFolder;
import mfr.data.report.CleanReport;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Clean a face dataset with a model's own embeddings (the paper's data-noise pillar).",
            "DATASET is an identity folder (DATASET/<identity>/<image>). Every image is embedded (main face, cached",
            "per model under $MFR_HOME/cache), then rounds of intra-class cleaning (outliers far from their identity's",
            "robust centre; identities holding two strong clusters split or reduced; optional near-duplicates) and",
            "inter-class merging (identities whose centres are closer than a threshold, found by approximate",
            "neighbour search over the centres, merged or dropped) run until nothing changes.",
            "Writes OUT/cleaned.csv (path,label), OUT/removed.csv, OUT/report.json, OUT/report.html and contact sheets.",
            "",
            "Iterative mode (--rounds N, N >= 2, with --train-config): round 1 cleans with --model; each later round k",
            "trains the config on round k-1's cleaned set (OUT/round-k/data, symbolic links; the model is exported to",
            "OUT/round-k/train and registered as <out name>-r<k>), embeds the whole dataset again with it and cleans",
            "again. Each round's report is in OUT/round-k/, the last round's also in OUT/, and OUT/rounds.json holds",
            "what every round found, how the cleaned set changed and the training loss.",
            "Examples:",
            "  mfr clean ../shared/data/celeba-subset --out celeba-clean",
            "  mfr clean ../shared/data/celeba-subset --rounds 2 --train-config configs/train/finetune-fr_feature.conf \\",
            "      --train-set optim.steps=200 --out celeba-iter",
            "  mfr clean photos/ --engine spark --master local[*] --merge-mode DROP"})
public final class CleanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "identity folder")
    Path dataset;

    @Option(names = "--model", paramLabel = "ID", defaultValue = "fr_feature",
            description = "embedding model id from 'mfr models list' (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = {"-o", "--out"}, defaultValue = "clean-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "rounds of cleaning with a model trained on the previous round's cleaned set between them"
                    + " (default: ${DEFAULT-VALUE}: clean once; not the cleaner's own passes, see --max-rounds)")
    int rounds;

    @Option(names = "--train-config", paramLabel = "CONFIG",
            description = "training config for the rounds (as 'mfr train CONFIG'); needed with --rounds 2 or more")
    Path trainConfig;

    @Option(names = "--train-set", paramLabel = "KEY=VALUE",
            description = "override one training config key for every round (repeatable; as 'mfr train --set')")
    List<String> trainSet = new ArrayList<>();

    @Mixin
    CleanOptions options;

    @Override
    public Integer call() {
        CleanRounds.validate(rounds, trainConfig, trainSet);
        options.config();
        if (rounds > 1) {
            Map<String, Object> doc = new CleanRounds(dataset, model, out, rounds, trainConfig, trainSet, options).run();
            if (json) {
                System.out.println(Json.write(doc));
            } else {
                printRounds(doc);
            }
            return 0;
        }
        IdentityFolder folder = IdentityFolder.scan(dataset, 1);
        System.err.printf(Locale.ROOT, "%s: %d identities, %d images%n", dataset, folder.identities().size(),
                folder.imageCount());
        DatasetEmbeddings.Result emb;
        var cfg = mfr.onnx.analyzer.AnalyzerConfig.defaults().withEmbedder(model).withOrt(OrtSettings.singleThread());
        try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
            emb = DatasetEmbeddings.embed(fa, folder);
        }
        if (!emb.failures().isEmpty()) {
            System.err.printf(Locale.ROOT, "%d images left out (unreadable or no face), e.g. %s%n", emb.failures().size(),
                    emb.failures().values().iterator().next());
        }
        CleanConfig config = options.config();
        CleanResult r;
        Map<String, Object> summary;
        try (CleaningEngine engine = options.open()) {
            System.err.println("cleaning config " + config.describe());
            r = new Cleaner(engine, config, System.err::println).clean(emb.set());
            summary = CleanReport.summary(emb.set(), r, config, engine.name());
        }
        summary.put("leftOut", emb.failures().size());
        CleanReport.write(out, emb.set(), r, summary);
        if (json) {
            System.out.println(Json.write(summary));
        } else {
            System.out.printf(Locale.ROOT, "kept %d of %d samples (%d of them relabelled); %d outliers, %d duplicates,"
                            + " %d minor-cluster samples, %d identities split, %d merged; %s identities remain (merge"
                            + " thresholds %s)%n",
                    r.kept(), emb.set().size(), r.relabelled().size(), r.count(mfr.data.clean.SampleStatus.OUTLIER),
                    r.count(mfr.data.clean.SampleStatus.DUPLICATE), r.count(mfr.data.clean.SampleStatus.MINOR_CLUSTER),
                    r.splits().size(), r.merges().size(), summary.get("finalIdentities"), java.util.Arrays.toString(r.mergeThresholds()));
            System.out.println("report: " + out.resolve("report.html"));
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void printRounds(Map<String, Object> doc) {
        for (Map<String, Object> rd : (List<Map<String, Object>>) doc.get("rounds")) {
            Map<String, Object> c = (Map<String, Object>) rd.get("clean");
            Map<String, Object> t = (Map<String, Object>) rd.get("training");
            Map<String, Object> d = (Map<String, Object>) rd.get("changeFromPreviousRound");
            System.out.printf(Locale.ROOT, "round %s (%s): kept %s of %s samples, removed %s %s, %s splits, %s merges,"
                            + " %s identities%s%s%n", rd.get("round"), rd.get("model"), c.get("kept"), c.get("samples"),
                    c.get("removed"), c.get("byStatus"), c.get("splits"), c.get("merges"), c.get("finalIdentities"),
                    t == null ? "" : String.format(Locale.ROOT, "; trained %s steps on %s images, loss %s -> %s",
                            t.get("steps"), t.get("images"), loss(t.get("firstLoss")), loss(t.get("lastLoss"))),
                    d == null ? "" : String.format(Locale.ROOT, "; against the previous round %s newly removed, %s"
                                    + " restored, %d new merges, %d merges gone", d.get("newlyRemoved"),
                            d.get("restored"), ((List<?>) d.get("mergesNew")).size(), ((List<?>) d.get("mergesGone")).size()));
        }
        System.out.println("rounds: " + out.resolve("rounds.json") + "; report (last round): " + out.resolve("report.html"));
    }

    private static String loss(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : "n/a";
    }
}
