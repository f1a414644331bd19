package mfr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.io.AtomicFile;
import mfr.data.clean.CleanConfig;
import mfr.data.clean.CleanResult;
import mfr.data.clean.Cleaner;
import mfr.data.clean.CleaningEngine;
import mfr.data.clean.EmbeddingSet;
import mfr.data.clean.SampleStatus;
import mfr.data.dataset.IdentityFolder;
import mfr.data.report.CleanReport;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.config.ConfigFile;
import mfr.train.config.TrainConfig;
import mfr.train.data.AlignedCache;
import mfr.train.data.Datasets;
import mfr.train.data.FaceDataset;
import mfr.train.dist.DistEnv;
import mfr.train.loop.Trainer;

/**
 * The iterative mode of {@code mfr clean} (the paper's loop): round 1 cleans the dataset with the starting model;
 * each later round k materialises round k-1's cleaned set as an identity folder of symbolic links
 * ({@code OUT/round-k/data}, merged and split identities as folders), trains the training config on it
 * ({@code OUT/round-k/train}, exported and registered as {@code <out name>-r<k>}), embeds the whole original dataset
 * again with that model and cleans it again. Each round's report is written to {@code OUT/round-k/}, the last
 * round's also to {@code OUT/} (with a section on every round), and the per-round summary to
 * {@code OUT/rounds.json} (rewritten after each round).
 *
 * <p>Alignment: when the config aligns ({@code data.align=true}), the original dataset is aligned once into the
 * trainer's cache ({@link Datasets#alignedCache}) and the round folders link to those crops
 * with {@code data.align=false}, so no round aligns again and no per-round cache is made.
 */
final class CleanRounds {
    /** Keys each round sets itself; giving them with --train-set is a usage error. */
    static final Set<String> ROUND_KEYS = Set.of("data.kind", "data.path", "run.output", "run.exportId");
    /** Marks a round's data folder as made here, so a later run may replace it. */
    static final String DATA_MARKER = ".mfr-clean-round-data";

    private final Path dataset;
    private final String startModel;
    private final Path out;
    private final int rounds;
    private final Path trainConfig;
    private final List<String> trainSet;
    private final CleanOptions options;

    CleanRounds(Path dataset, String startModel, Path out, int rounds, Path trainConfig, List<String> trainSet,
                CleanOptions options) {
        this.dataset = dataset;
        this.startModel = startModel;
        this.out = out;
        this.rounds = rounds;
        this.trainConfig = trainConfig;
        this.trainSet = trainSet;
        this.options = options;
    }

    /** Usage errors of the round options, before anything runs. */
    static void validate(int rounds, Path trainConfig, List<String> trainSet) {
        if (rounds < 1) {
            throw new MfrException(ErrorCode.USAGE, "--rounds must be at least 1 (1 cleans once; 2 or more train"
                    + " between rounds), not " + rounds);
        }
        if (rounds > 1 && trainConfig == null) {
            throw new MfrException(ErrorCode.USAGE, "--rounds " + rounds + " trains a model between rounds: give"
                    + " --train-config CONFIG (e.g. configs/train/finetune-fr_feature.conf)");
        }
        if (rounds == 1 && (trainConfig != null || !trainSet.isEmpty())) {
            throw new MfrException(ErrorCode.USAGE, "--train-config and --train-set need --rounds 2 or more"
                    + " (with one round nothing is trained)");
        }
        for (String key : ConfigFile.overrides(trainSet).keySet()) {
            if (ROUND_KEYS.contains(key)) {
                throw new MfrException(ErrorCode.USAGE, "--train-set " + key + ": each round sets " + ROUND_KEYS
                        + " itself (OUT/round-k/data, OUT/round-k/train, <out name>-r<k>)");
            }
        }
    }

    /** Runs every round; returns the content of rounds.json. */
    Map<String, Object> run() {
        Map<String, String> base = new LinkedHashMap<>(ConfigFile.read(trainConfig));
        Map<String, String> overrides = ConfigFile.overrides(trainSet);
        base.putAll(overrides);
        boolean linkCrops = TrainConfig.of(base).data().align();
        // Every key and value is checked now, not after the first round's embedding.
        TrainConfig.of(roundValues(base, overrides, out.resolve("round-2"), "check", linkCrops));
        IdentityFolder folder = IdentityFolder.scan(dataset, 1);
        System.err.printf(Locale.ROOT, "%s: %d identities, %d images; %d rounds, training with %s between them%n",
                dataset, folder.identities().size(), folder.imageCount(), rounds, trainConfig);
        String prefix = out.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", dataset.toString());
        doc.put("images", folder.imageCount());
        doc.put("identities", folder.identities().size());
        doc.put("startModel", startModel);
        doc.put("trainConfig", trainConfig.toString());
        doc.put("trainSet", trainSet);
        doc.put("cleanConfig", options.config().describe());
        List<Map<String, Object>> roundDocs = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        doc.put("rounds", roundDocs);

        String model = startModel;
        Cleaned previous = null;
        for (int k = 1; k <= rounds; k++) {
            long t0 = System.nanoTime();
            Path roundDir = out.resolve("round-" + k);
            Map<String, Object> rd = new LinkedHashMap<>();
            rd.put("round", k);
            Map<String, Object> training = null;
            if (k > 1) {
                String exportId = prefix + "-r" + k;
                training = train(k, previous, roundDir, exportId, base, overrides, linkCrops);
                model = exportId;
            }
            System.err.printf(Locale.ROOT, "round %d/%d: embedding %d images with %s%n", k, rounds,
                    folder.imageCount(), model);
            long te = System.nanoTime();
            DatasetEmbeddings.Result emb;
            var cfg = AnalyzerConfig.defaults().withEmbedder(model).withOrt(OrtSettings.singleThread());
            String versioned;
            try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
                versioned = fa.embedder().modelId();
                emb = DatasetEmbeddings.embed(fa, folder);
            }
            double embedSeconds = (System.nanoTime() - te) / 1e9;
            Cleaned now = clean(k, emb.set());
            CleanReport.write(roundDir, emb.set(), now.result(), now.summary());

            rd.put("model", versioned);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("embedded", emb.computed());
            e.put("fromCache", emb.cached());
            e.put("leftOut", emb.failures().size());
            e.put("seconds", round1(embedSeconds));
            rd.put("embedding", e);
            rd.put("training", training);
            Map<String, Object> c = new LinkedHashMap<>();
            for (String key : List.of("samples", "kept", "byStatus", "splits", "merges", "finalIdentities",
                    "mergeThresholds")) {
                c.put(key, now.summary().get(key));
            }
            c.put("removed", now.set().size() - now.result().kept());
            c.put("passes", now.result().rounds().size());
            rd.put("clean", c);
            rd.put("changeFromPreviousRound", previous == null ? null : change(previous, now));
            rd.put("output", roundDir.toString());
            rd.put("seconds", round1((System.nanoTime() - t0) / 1e9));
            roundDocs.add(rd);
            rows.add(row(rd));
            AtomicFile.writeString(out.resolve("rounds.json"), Json.write(doc) + "\n");
            System.err.printf(Locale.ROOT, "round %d/%d done: kept %d of %d, %d removed, %d splits, %d merges%s%n",
                    k, rounds, now.result().kept(), now.set().size(), now.set().size() - now.result().kept(),
                    now.result().splits().size(), now.result().merges().size(), previous == null ? ""
                            : "; against round " + (k - 1) + ": " + rd.get("changeFromPreviousRound"));
            previous = now;
        }
        Map<String, Object> last = new LinkedHashMap<>(previous.summary());
        last.put("iterations", rows);
        CleanReport.write(out, previous.set(), previous.result(), last);
        AtomicFile.writeString(out.resolve("rounds.json"), Json.write(doc) + "\n");
        return doc;
    }

    /** One round's cleaning: the set, the decisions and the report summary. */
    private record Cleaned(EmbeddingSet set, CleanResult result, Map<String, Object> summary) {
    }

    private Cleaned clean(int k, EmbeddingSet set) {
        CleanConfig config = options.config();
        try (CleaningEngine engine = options.open()) {
            System.err.println("round " + k + "/" + rounds + ": cleaning, config " + config.describe());
            CleanResult r = new Cleaner(engine, config, System.err::println).clean(set);
            return new Cleaned(set, r, CleanReport.summary(set, r, config, engine.name()));
        }
    }

    /** The training config of one round: the file and --train-set, then the round's own data, output and id. */
    private static Map<String, String> roundValues(Map<String, String> base, Map<String, String> overrides,
                                                   Path roundDir, String exportId, boolean linkCrops) {
        Map<String, String> v = new LinkedHashMap<>(base);
        v.put("data.kind", "folder");
        v.put("data.path", roundDir.resolve("data").toAbsolutePath().toString());
        if (linkCrops) {
            v.put("data.align", "false");
        }
        v.put("run.output", roundDir.resolve("train").toString());
        v.put("run.exportId", exportId);
        if (!overrides.containsKey("run.resume")) {
            // The round's data may differ from an earlier run's in the same folder: start over unless asked.
            v.put("run.resume", "false");
        }
        return v;
    }

    private Map<String, Object> train(int k, Cleaned previous, Path roundDir, String exportId,
                                      Map<String, String> base, Map<String, String> overrides, boolean linkCrops) {
        Map<String, String> values = roundValues(base, overrides, roundDir, exportId, linkCrops);
        Map<String, String> original = new LinkedHashMap<>(base);
        if (TrainCommand.addMaskedTwins(original)) {
            // Masked twins are rendered once from the original dataset and found again by file name.
            values.put("data.maskedPath", original.get("data.maskedPath"));
        }
        TrainConfig cfg = TrainConfig.of(values);
        Path crops = linkCrops ? alignedCrops(base) : null;
        Materialised m = materialise(previous.set(), previous.result(), roundDir.resolve("data"), crops);
        System.err.printf(Locale.ROOT, "round %d/%d: training on round %d's cleaned set (%d images of %d identities%s"
                        + ", in %s) for %d steps into %s%n", k, rounds, k - 1, m.images(), m.identities(),
                m.missing() == 0 ? "" : ", " + m.missing() + " without an aligned crop left out", m.dir(),
                cfg.optim().steps(), cfg.run().output());
        long t0 = System.nanoTime();
        TrainCommand.Trained t = TrainCommand.run(cfg, DistEnv.single());
        Trainer.Result r = t.result();
        if (t.registered() == null) {
            throw new MfrException(ErrorCode.INTERNAL, "round " + k + ": the training exported no model to register");
        }
        System.err.printf(Locale.ROOT, "round %d/%d: trained %d steps, loss %.4f -> %.4f; registered as %s%n", k,
                rounds, r.steps(), r.firstLoss(), r.lastLoss(), t.registered().versionedId());
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("data", m.dir().toString());
        tr.put("images", m.images());
        tr.put("identities", m.identities());
        tr.put("missingCrops", m.missing());
        tr.put("linked", crops != null ? "aligned crops in " + crops : "original images");
        tr.put("output", cfg.run().output().toString());
        tr.put("backbone", cfg.model().backbone());
        tr.put("steps", r.steps());
        tr.put("batchSize", cfg.optim().batchSize());
        tr.put("firstLoss", finite(r.firstLoss()));
        tr.put("lastLoss", finite(r.lastLoss()));
        tr.put("skippedSteps", r.skippedSteps());
        tr.put("imagesPerSecond", finite(round1(r.imagesPerSecond())));
        tr.put("lastVerification", finite(r.lastVerification()));
        tr.put("registeredAs", t.registered().versionedId());
        tr.put("seconds", round1((System.nanoTime() - t0) / 1e9));
        return tr;
    }

    /**
     * The trainer's aligned crops of the whole original dataset: the cache {@code data.align=true} makes for it
     * ({@link Datasets#alignedCache}), made now through the trainer's own code when absent.
     */
    private Path alignedCrops(Map<String, String> base) {
        Path root = dataset.toAbsolutePath().normalize();
        Path cache = Datasets.alignedCache(root, 0);
        if (!AlignedCache.isComplete(cache)) {
            System.err.println("aligning " + dataset + " once into " + cache + " (the round folders link to these crops)");
            Map<String, String> v = new LinkedHashMap<>(base);
            v.put("data.kind", "folder");
            v.put("data.path", root.toString());
            v.put("data.align", "true");
            v.put("data.maxIdentities", "0");
            TrainConfig c = TrainConfig.of(v);
            try (FaceDataset ignored = Datasets.open(c.data(), c.model().seed(), i -> {
                if (i % 500 == 0) {
                    System.err.println("aligned " + i + " images");
                }
            })) {
                // aligned by opening
            }
        }
        return cache;
    }

    /** A round's training folder: where, how many images and identities, and kept images without an aligned crop. */
    record Materialised(Path dir, int images, int identities, int missing) {
    }

    /**
     * Writes the kept samples of a cleaning as an identity folder of symbolic links: one folder per final label
     * (merged identities share one, split-off parts get their own), each link pointing at the original image, or at
     * its aligned crop {@code crops/<identity>/<name>.png} when {@code crops} is given. A folder this method made
     * before is replaced; any other existing folder is an error. Nothing is copied.
     */
    static Materialised materialise(EmbeddingSet set, CleanResult r, Path dir, Path crops) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isRegularFile(dir.resolve(DATA_MARKER))) {
                    throw new MfrException(ErrorCode.IO, dir + " exists and was not made by mfr clean --rounds;"
                            + " remove it or choose another --out");
                }
                deleteLinks(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(DATA_MARKER), "identity folder of symbolic links made by mfr clean --rounds\n");
            Set<String> identities = new TreeSet<>();
            int images = 0;
            int missing = 0;
            for (int i = 0; i < set.size(); i++) {
                if (r.status()[i].removed()) {
                    continue;
                }
                Path original = Path.of(set.items().get(i)).toAbsolutePath().normalize();
                String identity = original.getParent().getFileName().toString();
                Path target = original;
                if (crops != null) {
                    target = crops.resolve(identity).resolve(stem(original.getFileName().toString()) + ".png")
                            .toAbsolutePath();
                    if (!Files.isRegularFile(target)) {
                        missing++;
                        continue;
                    }
                }
                String label = folderName(r.finalLabel()[i]);
                String name = label.equals(identity) ? target.getFileName().toString()
                        : identity + "__" + target.getFileName();
                Path link = dir.resolve(label).resolve(name);
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, target);
                identities.add(label);
                images++;
            }
            return new Materialised(dir, images, identities.size(), missing);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write the round's identity folder " + dir + ": " + e);
        }
    }

    /** Removes a folder made by {@link #materialise}: links and folders only (links are not followed). */
    private static void deleteLinks(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isSymbolicLink(p) || Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || p.getFileName().toString().equals(DATA_MARKER)) {
                Files.delete(p);
            } else {
                throw new MfrException(ErrorCode.IO, dir + " holds " + p + ", which mfr clean --rounds did not make;"
                        + " remove it or choose another --out");
            }
        }
    }

    private static String stem(String file) {
        return file.replaceFirst("\\.[^.]+$", "");
    }

    private static String folderName(String label) {
        String s = label.replace('/', '_').replace('\\', '_');
        return s.startsWith(".") ? "_" + s : s;
    }

    /** How round {@code now}'s decisions differ from round {@code before}'s on the samples both embedded. */
    static Map<String, Object> change(Cleaned before, Cleaned now) {
        Map<String, SampleStatus> old = new HashMap<>();
        for (int i = 0; i < before.set().size(); i++) {
            old.put(before.set().items().get(i), before.result().status()[i]);
        }
        int keptBoth = 0;
        int removedBoth = 0;
        int newlyRemoved = 0;
        int restored = 0;
        for (int i = 0; i < now.set().size(); i++) {
            SampleStatus o = old.get(now.set().items().get(i));
            if (o == null) {
                continue;
            }
            boolean wasRemoved = o.removed();
            boolean isRemoved = now.result().status()[i].removed();
            if (wasRemoved && isRemoved) {
                removedBoth++;
            } else if (wasRemoved) {
                restored++;
            } else if (isRemoved) {
                newlyRemoved++;
            } else {
                keptBoth++;
            }
        }
        Set<String> mergesBefore = pairs(before.result().merges());
        Set<String> mergesNow = pairs(now.result().merges());
        Set<String> splitsBefore = new TreeSet<>(before.result().splits().values());
        Set<String> splitsNow = new TreeSet<>(now.result().splits().values());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keptBoth", keptBoth);
        m.put("removedBoth", removedBoth);
        m.put("newlyRemoved", newlyRemoved);
        m.put("restored", restored);
        m.put("mergesBoth", intersection(mergesBefore, mergesNow).size());
        m.put("mergesNew", minus(mergesNow, mergesBefore));
        m.put("mergesGone", minus(mergesBefore, mergesNow));
        m.put("splitsBoth", intersection(splitsBefore, splitsNow).size());
        m.put("splitsNew", minus(splitsNow, splitsBefore));
        m.put("splitsGone", minus(splitsBefore, splitsNow));
        return m;
    }

    /**
     * Merges as unordered pairs "a + b" (either direction of a merge is the same decision). A split-off part is named
     * by the cleaner's pass that split it ({@code X#split2}); here it is {@code X#split}, so the same part merged in
     * another pass of another round counts as the same merge.
     */
    static Set<String> pairs(Map<String, String> merges) {
        Set<String> s = new TreeSet<>();
        merges.forEach((x, y) -> {
            String a = x.replaceAll("#split\\d+$", "#split");
            String b = y.replaceAll("#split\\d+$", "#split");
            s.add(a.compareTo(b) < 0 ? a + " + " + b : b + " + " + a);
        });
        return s;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> s = new TreeSet<>(a);
        s.retainAll(b);
        return s;
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        Set<String> s = new TreeSet<>(a);
        s.removeAll(b);
        return List.copyOf(s);
    }

    /** The report's table row of one round. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(Map<String, Object> rd) {
        Map<String, Object> c = (Map<String, Object>) rd.get("clean");
        Map<String, Object> t = (Map<String, Object>) rd.get("training");
        Map<String, Object> d = (Map<String, Object>) rd.get("changeFromPreviousRound");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("round", rd.get("round"));
        row.put("model", rd.get("model"));
        row.put("trained on", t == null ? "" : t.get("images") + " images, " + t.get("identities") + " identities");
        row.put("steps", t == null ? "" : t.get("steps"));
        row.put("loss", t == null ? "" : loss(t.get("firstLoss")) + " -> " + loss(t.get("lastLoss")));
        row.put("samples", c.get("samples"));
        row.put("kept", c.get("kept"));
        row.put("removed", c.get("removed"));
        row.put("by reason", c.get("byStatus"));
        row.put("splits", c.get("splits"));
        row.put("merges", c.get("merges"));
        row.put("identities", c.get("finalIdentities"));
        row.put("newly removed", d == null ? "" : d.get("newlyRemoved"));
        row.put("restored", d == null ? "" : d.get("restored"));
        row.put("merges new / gone", d == null ? "" : ((List<?>) d.get("mergesNew")).size() + " / "
                + ((List<?>) d.get("mergesGone")).size());
        return row;
    }

    private static String loss(Object v) {
        return v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : "n/a";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
