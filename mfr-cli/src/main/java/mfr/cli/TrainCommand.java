package mfr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import mfr.core.dataset.SharedData;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.mask.augment.MaskAugment;
import mfr.mask.convert.DatasetMasker;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.ChannelOrder;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.config.ConfigFile;
import mfr.train.config.TrainConfig;
import mfr.train.data.Datasets;
import mfr.train.dist.Collective;
import mfr.train.dist.DistEnv;
import mfr.train.dist.Launcher;
import mfr.train.eval.PairsVerifier;
import mfr.train.loop.TrainListener;
import mfr.train.loop.Trainer;
import mfr.train.loop.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a face embedding network (libtorch through the JavaCPP PyTorch preset, on the CPU):",
            "backbone by name (mbf = mobilefacenet, mbf_large, r18, r34, r50, r100) or an ONNX model to fine-tune (onnx:fr_feature),",
            "margin loss (ArcFace, CosFace or combined) over a Partial FC head, SGD or AdamW with polynomial decay,",
            "optional bf16 mixed precision, checkpoints with exact resume, periodic LFW verification, ONNX export.",
            "",
            "CONFIG is a 'key = value' file (optionally 'base = other.conf'); --set overrides single keys; every",
            "resolved value is logged at start. Without CONFIG the base config trains MobileFaceNet on synthetic data.",
            "A run writes OUTPUT/checkpoints/ (resumed automatically when present) and OUTPUT/model.onnx.",
            "",
            "Several workers on this machine: --workers N (data parallel, Gloo on 127.0.0.1). On several machines",
            "start one 'mfr train' per rank with RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT set (docs/training.md).",
            "",
            "Examples:",
            "  mfr train configs/train/synthetic.conf",
            "  mfr train configs/train/celeba.conf --workers 2",
            "  mfr train configs/train/finetune-fr_feature.conf --set optim.steps=200 --set run.exportId=fr_ft",
            "  mfr train configs/train/mask-robust.conf --set data.list=clean/cleaned.csv --set data.mask=0.5",
            "      (masked copies rendered once, distillation from the original: docs/mask-robust.md)",
            "  mfr train --print-config --set head.loss=cosface"})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "config file (key = value lines)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--workers", defaultValue = "1", description = "worker processes on this machine (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--port", defaultValue = "0", description = "rendezvous port for --workers (default: a free one)")
    int port;

    @Option(names = "--print-config", description = "print every resolved config value and exit")
    boolean printConfig;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Override
    public Integer call() {
        Map<String, String> values = new LinkedHashMap<>();
        if (config != null) {
            values.putAll(ConfigFile.read(config));
        }
        values.putAll(ConfigFile.overrides(overrides));
        TrainConfig cfg = TrainConfig.of(values);
        if (printConfig) {
            cfg.describe().forEach((k, v) -> System.out.println(k + " = " + v));
            return 0;
        }
        DistEnv env = DistEnv.fromEnvironment(System.getenv());
        if (env.rank() == 0 && addMaskedTwins(values)) {
            overrides.add("data.maskedPath=" + values.get("data.maskedPath"));
            cfg = TrainConfig.of(values);
        }
        if (workers < 1) {
            throw new MfrException(ErrorCode.USAGE, "--workers must be at least 1");
        }
        if (workers > 1 && env.worldSize() == 1) {
            return launch(cfg, values);
        }
        return train(cfg, env);
    }

    /**
     * Renders {@code data.maskVariants} masked copies of the training folder (every face masked; random MFR2 mask
     * types; seeds model.seed + v) into {@code $MFR_HOME/cache/masked/<folder>-<path hash>-masked-s<seed>}, resuming what a
     * previous run finished, and returns them comma-separated for {@code data.maskedPath}.
     */
    /**
     * When {@code values} ask for masked twins ({@code data.mask > 0}) without {@code data.maskedPath}, renders them
     * ({@link #renderMaskedTwins}) and sets {@code data.maskedPath}; returns whether it did.
     */
    static boolean addMaskedTwins(Map<String, String> values) {
        TrainConfig cfg = TrainConfig.of(values);
        if (cfg.data().mask() == 0 || !cfg.data().maskedPath().isEmpty()) {
            return false;
        }
        values.put("data.maskedPath", renderMaskedTwins(cfg));
        return true;
    }

    private static String renderMaskedTwins(TrainConfig cfg) {
        Path in = Path.of(cfg.data().path());
        Path cache = MfrHome.resolve().root().resolve("cache").resolve("masked");
        Path abs = in.toAbsolutePath().normalize();
        // Keyed by the folder's name and its absolute path, so two datasets that share a name never share masks.
        String name = abs.getFileName() + "-" + mfr.onnx.model.NpmPackage.sha256Hex(
                abs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
        List<String> out = new ArrayList<>();
        int n = IdentityFolders.images(in).size();
        try (FaceAnalyzer fa = FaceAnalyzer.open(
                AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()))) {
            for (int v = 0; v < cfg.data().maskVariants(); v++) {
                long seed = cfg.model().seed() + v;
                Path dir = cache.resolve(name + "-masked-s" + seed);
                MaskAugment augment = new MaskAugment(1.0,
                        MaskType.parseList("all"));
                try (ProgressBar pb = Progress.bar("masked copy " + (v + 1) + "/" + cfg.data().maskVariants(), n)) {
                    new DatasetMasker(fa, augment, seed).run(in, dir,
                            cfg.data().loaderThreads(), pb::stepTo);
                }
                out.add(dir.toString());
            }
        }
        System.err.println("mfr: masked copies for data.mask=" + cfg.data().mask() + ": " + String.join(", ", out));
        return String.join(",", out);
    }

    private int launch(TrainConfig cfg, Map<String, String> values) {
        List<String> args = new ArrayList<>();
        args.add("train");
        if (config != null) {
            args.add(config.toString());
        }
        overrides.forEach(o -> {
            args.add("--set");
            args.add(o);
        });
        if (!values.containsKey("model.threads")) {
            int per = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
            args.add("--set");
            args.add("model.threads=" + per);
        }
        if (json) {
            args.add("--json");
        }
        int p = port > 0 ? port : Launcher.freePort();
        System.err.printf(Locale.ROOT, "mfr: starting %d workers (rendezvous 127.0.0.1:%d, logs of ranks > 0 in %s)%n",
                workers, p, cfg.run().output().resolve("logs"));
        return Launcher.launch(workers, p, "mfr.cli.Main", args, cfg.run().output().resolve("logs"), Map.of());
    }

    private int train(TrainConfig cfg, DistEnv env) {
        Trained t = run(cfg, env);
        if (t == null) {
            return 0;
        }
        Trainer.Result r = t.result();
        ModelSpec registered = t.registered();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("config", cfg.describe());
            m.put("result", r);
            m.put("registered", registered == null ? null : registered.versionedId());
            System.out.println(Json.write(m));
        } else {
            System.out.printf(Locale.ROOT, "trained %d steps: loss %.4f -> %.4f, %.1f images/s, %d skipped steps%n",
                    r.steps(), r.firstLoss(), r.lastLoss(), r.imagesPerSecond(), r.skippedSteps());
            if (!Double.isNaN(r.lastVerification())) {
                System.out.printf(Locale.ROOT, "last verification accuracy: %.2f %%%n", 100 * r.lastVerification());
            }
            if (r.onnx() != null) {
                System.out.println("ONNX model: " + r.onnx());
            }
            if (registered != null) {
                System.out.println("registered as " + registered.versionedId() + ": mfr embed --embedder "
                        + registered.id() + " photo.jpg");
            }
        }
        return 0;
    }

    /** What a finished run produced: the trainer's result and, with {@code run.exportId}, the registered model. */
    record Trained(Trainer.Result result, ModelSpec registered) {
    }

    /**
     * Trains one rank of {@code cfg} (verification, progress bar and model registration on rank 0) and returns what
     * rank 0 produced, or null on other ranks. {@code mfr clean --rounds} trains through here too.
     */
    static Trained run(TrainConfig cfg, DistEnv env) {
        boolean lead = env.rank() == 0;
        Verifier verifier = null;
        if (lead && cfg.run().verifyEvery() > 0) {
            Path root = cfg.run().verifyData().equals("lfw")
                    ? SharedData.dataset("lfw-deepfunneled").orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND,
                    SharedData.missingReason("lfw-deepfunneled") + ", or set run.verifyEvery=0"))
                    : Path.of(cfg.run().verifyData());
            verifier = PairsVerifier.open(root, cfg.run().verifyPairs(), Datasets.preprocess(cfg.data()));
        }
        Trainer.Result r;
        try (Collective comm = env.connect(30 * 60_000L)) {
            if (lead) {
                try (ProgressBar pb = new ProgressBarBuilder().setTaskName("train").setInitialMax(cfg.optim().steps())
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                        .setUpdateIntervalMillis(500).build()) {
                    r = new Trainer(cfg, comm, new BarListener(pb), verifier).run();
                }
            } else {
                r = new Trainer(cfg, comm, TrainListener.NONE, null).run();
            }
        }
        if (!lead) {
            return null;
        }
        ModelSpec registered = null;
        if (r.onnx() != null && !cfg.run().exportId().isBlank()) {
            TrainConfig.Data d = cfg.data();
            registered = new ModelInstaller(MfrHome.resolve()).register(r.onnx(), new ModelSpec(cfg.run().exportId(),
                    ModelTask.EMBEDDER, cfg.run().exportId() + ".onnx", 112, 112, ChannelOrder.valueOf(d.order()),
                    d.mean(), d.std(), null, "trained with mfr-train", r.onnx().toAbsolutePath().toString(),
                    "backbone " + cfg.model().backbone() + ", " + r.steps() + " steps"));
        }
        return new Trained(r, registered);
    }

    /** Drives the progress bar: steps, loss, throughput. */
    private record BarListener(ProgressBar pb) implements TrainListener {
        @Override
        public void started(long startStep, long totalSteps) {
            pb.stepTo(startStep);
        }

        @Override
        public void step(StepReport r) {
            pb.stepTo(r.step());
            pb.setExtraMessage(String.format(Locale.ROOT, "loss %.3f, %.1f img/s%s", r.loss(), r.imagesPerSecond(),
                    r.skipped() ? ", skipped" : ""));
        }

        @Override
        public void message(String line) {
            System.err.println("\nmfr: " + line);
        }
    }
}
