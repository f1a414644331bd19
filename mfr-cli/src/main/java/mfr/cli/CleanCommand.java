package mfr.cli;

import java.nio.file.Path;
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
            "Examples:",
            "  mfr clean ../shared/data/celeba-subset --out celeba-clean",
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

    @Mixin
    CleanOptions options;

    @Override
    public Integer call() {
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
            System.out.printf(Locale.ROOT, "kept %d of %d samples; %d outliers, %d duplicates, %d minor-cluster samples,"
                            + " %d identities split, %d merged; %s identities remain (merge thresholds %s)%n",
                    r.kept(), emb.set().size(), r.count(mfr.data.clean.SampleStatus.OUTLIER),
                    r.count(mfr.data.clean.SampleStatus.DUPLICATE), r.count(mfr.data.clean.SampleStatus.MINOR_CLUSTER),
                    r.splits().size(), r.merges().size(), summary.get("finalIdentities"), java.util.Arrays.toString(r.mergeThresholds()));
            System.out.println("report: " + out.resolve("report.html"));
        }
        return 0;
    }
}
