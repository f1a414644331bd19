package mfr.train.loop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.train.backbone.BackboneSource;
import mfr.train.config.TrainConfig;
import mfr.train.data.Batch;
import mfr.train.data.BatchLoader;
import mfr.train.data.Datasets;
import mfr.train.data.FaceDataset;
import mfr.train.data.Preprocess;
import mfr.train.dist.Collective;
import mfr.train.engine.Torch;
import mfr.train.head.PartialFc;
import mfr.train.loss.MarginLoss;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxExporter;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop of one worker: data-parallel backbone (gradients all-reduced each step), Partial FC head with
 * margin loss, optional bf16 autocast with dynamic loss scaling, SGD or AdamW with polynomial decay and warm-up,
 * gradient clipping and accumulation, checkpoints with exact resume, periodic verification, and an ONNX export at
 * the end. Every worker runs it with the same config; rank 0 writes shared files.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainConfig cfg;
    private final Collective comm;
    private final TrainListener listener;
    private final Verifier verifier;

    public Trainer(TrainConfig cfg, Collective comm, TrainListener listener, Verifier verifier) {
        this.cfg = cfg;
        this.comm = comm;
        this.listener = listener;
        this.verifier = verifier;
    }

    /** What a finished run reports. */
    public record Result(long steps, double firstLoss, double lastLoss, int skippedSteps, Path onnx,
                         double imagesPerSecond, double lastVerification) {
    }

    public Result run() {
        Torch.init(cfg.model().threads());
        torch.manual_seed(cfg.model().seed());
        Map<String, Object> described = cfg.describe();
        if (comm.rank() == 0) {
            described.forEach((k, v) -> LOG.info("config {} = {}", k, v));
        }
        Path out = cfg.run().output();
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot create the run folder " + out + ": " + e.getMessage());
        }
        TrainConfig.Optim o = cfg.optim();
        TrainConfig.Head h = cfg.head();
        Optimizer rule = o.name().equals("sgd") ? new Optimizer.Sgd(o.momentum(), o.weightDecay())
                : new Optimizer.AdamW(o.beta1(), o.beta2(), o.eps(), o.weightDecay());
        LrSchedule schedule = new LrSchedule(o.lr(), o.warmupSteps(), o.steps(), o.power());
        boolean bf16 = cfg.precision().amp().equals("bf16");
        LossScaler scaler = new LossScaler(bf16, cfg.precision().initScale(), cfg.precision().growthFactor(),
                cfg.precision().backoffFactor(), cfg.precision().growthInterval());
        try (FaceDataset data = Datasets.open(cfg.data(), cfg.model().seed(), i -> {
                    if (i % 500 == 0) {
                        listener.message("aligned " + i + " images");
                    }
                });
             Network net = openBackbone();
             BackboneOptimizer opt = new BackboneOptimizer(net.params(), rule);
             PartialFc head = new PartialFc(data.numClasses(), cfg.model().embedding(), h.sampleRate(),
                     new MarginLoss(h.s(), h.m1(), h.m2(), h.m3()), comm, cfg.model().seed());
             BatchLoader loader = new BatchLoader(data, o.batchSize(), comm.rank(), comm.worldSize(),
                     cfg.model().seed(), Datasets.augment(cfg.data()), Datasets.preprocess(cfg.data()),
                     cfg.data().loaderThreads(), Datasets.twins(cfg.data(), data, i -> {
                         if (i % 500 == 0) {
                             listener.message("aligned " + i + " masked images");
                         }
                     }))) {
            if (comm.rank() == 0) {
                LOG.info("data: {}; backbone {} with {} trainable parameters; {} workers; Partial FC shard {} of {}"
                        + " classes, {} sampled", data.describe(), net.name(), net.params().trainableCount(),
                        comm.worldSize(), head.shardSize(), head.numClasses(), head.sampleSize());
            }
            if (loader.twins() != null && comm.rank() == 0) {
                LOG.info("data: {}", loader.twins().describe());
                listener.message(loader.twins().describe());
            }
            TeacherTargets teacher = cfg.needsTeacher() ? TeacherTargets.loadOrCompute(out, cfg.teacherRef(),
                    cfg.model().embedding(), cfg.model().seed(), data, Datasets.preprocess(cfg.data()),
                    listener::message) : null;
            long step = 0;
            if (cfg.run().resume()) {
                var latest = Checkpoint.latest(out);
                if (latest.isPresent()) {
                    step = Checkpoint.load(latest.get(), net, opt, head, scaler, comm);
                    listener.message("resumed from " + latest.get() + " at step " + step);
                }
            }
            if (step == 0) {
                for (Tensor t : net.params().all().values()) {
                    comm.broadcast(t, 0);
                }
                if (h.init().equals("teacher")) {
                    head.setCentres(teacher.classCentres(data));
                    listener.message("class centres set to the teacher's mean embedding of each class");
                }
            }
            double distillWeight = cfg.distill().weight();
            long micro = step * o.accumulate();
            loader.seek((int) (micro / loader.batchesPerEpoch()), (int) (micro % loader.batchesPerEpoch()));
            listener.started(step, o.steps());
            double firstLoss = Double.NaN;
            double lastLoss = Double.NaN;
            double lastVerification = Double.NaN;
            int skipped = 0;
            long images = 0;
            long t0 = System.nanoTime();
            while (step < o.steps()) {
                long next = step + 1;
                double lr = schedule.at(next);
                double loss = 0;
                double marginLoss = 0;
                double distillLoss = 0;
                int masked = 0;
                int seen = 0;
                int epoch = 0;
                for (int a = 0; a < o.accumulate(); a++) {
                    Batch batch = loader.next();
                    epoch = batch.epoch();
                    try (PointerScope scope = new PointerScope()) {
                        Tensor emb = forward(net, batch.images(), bf16);
                        Tensor extra = null;
                        if (distillWeight > 0) {
                            Distillation.Term d = Distillation.term(emb, teacher.rows(batch.samples()),
                                    distillWeight / o.accumulate(), batch.size() * comm.worldSize());
                            extra = d.gradient();
                            distillLoss += d.meanLoss() / o.accumulate();
                        }
                        marginLoss += head.forwardBackward(emb, batch.labels(), h.weight() / o.accumulate(),
                                scaler.scale(), next * o.accumulate() + a, extra).loss() / o.accumulate();
                    }
                    masked += batch.maskedCount();
                    seen += batch.size();
                    images += (long) batch.size() * comm.worldSize();
                }
                loss = h.weight() * marginLoss + distillWeight * distillLoss;
                boolean applied;
                try (PointerScope scope = new PointerScope()) {
                    BackboneOptimizer.GradInfo gi = opt.reduceAndClip(comm, scaler.scale(), o.clipNorm());
                    double s = scaler.scale();
                    applied = scaler.update(gi.finite() && Double.isFinite(loss));
                    if (applied) {
                        opt.update(lr, next);
                        head.applyUpdate(rule, lr, next);
                    } else {
                        head.discardGradients();
                        skipped++;
                        LOG.warn("step {}: non-finite gradients at loss scale {}; step skipped, scale now {}", next, s,
                                scaler.scale());
                    }
                    opt.zeroGrad();
                }
                step = next;
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss;
                }
                lastLoss = loss;
                double secs = (System.nanoTime() - t0) / 1e9;
                listener.step(new TrainListener.StepReport(step, o.steps(), loss, lr, images / secs, scaler.scale(),
                        !applied, epoch));
                if (step % cfg.run().logEvery() == 0 && comm.rank() == 0) {
                    LOG.info(String.format(Locale.ROOT, "step %d/%d loss %.4f lr %.5f %.1f img/s scale %.0f%s",
                            step, o.steps(), loss, lr, images / secs, scaler.scale(), distillWeight > 0
                                    || loader.twins() != null ? String.format(Locale.ROOT,
                                    " (margin %.4f, distill 1-cos %.4f, masked %d/%d)", marginLoss, distillLoss,
                                    masked, seen) : ""));
                }
                if (cfg.run().stopAt() > 0 && step >= cfg.run().stopAt() && step < o.steps()) {
                    Checkpoint.save(out, step, net, opt, head, scaler, comm, described);
                    listener.message("stopped after step " + step + " (run.stopAt); run again to resume");
                    return new Result(step, firstLoss, lastLoss, skipped, null,
                            images / ((System.nanoTime() - t0) / 1e9), lastVerification);
                }
                if (cfg.run().checkpointEvery() > 0 && step % cfg.run().checkpointEvery() == 0 && step < o.steps()) {
                    Checkpoint.save(out, step, net, opt, head, scaler, comm, described);
                }
                if (verifier != null && cfg.run().verifyEvery() > 0 && step % cfg.run().verifyEvery() == 0
                        && comm.rank() == 0) {
                    lastVerification = verify(net, step);
                }
            }
            Checkpoint.save(out, step, net, opt, head, scaler, comm, described);
            if (verifier != null && cfg.run().verifyEvery() > 0 && comm.rank() == 0
                    && step % cfg.run().verifyEvery() != 0) {
                lastVerification = verify(net, step);
            }
            Path onnx = out.resolve("model.onnx");
            if (comm.rank() == 0) {
                OnnxExporter.write(net, onnx);
                listener.message("exported " + onnx);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(step, firstLoss, lastLoss, skipped, onnx, images / Math.max(secs, 1e-9), lastVerification);
        }
    }

    /** The backbone, with the leading fraction {@code model.freeze} of its trainable tensors frozen. */
    private Network openBackbone() {
        Network net = BackboneSource.open(cfg.model().backbone(), cfg.model().embedding(), cfg.model().seed());
        if (cfg.model().freeze() > 0) {
            java.util.List<String> frozen = net.params().freezeLeading(cfg.model().freeze());
            if (comm.rank() == 0) {
                LOG.info("model.freeze {}: {} leading tensors frozen ({} .. {})", cfg.model().freeze(), frozen.size(),
                        frozen.isEmpty() ? "-" : frozen.get(0), frozen.isEmpty() ? "-" : frozen.get(frozen.size() - 1));
            }
        }
        return net;
    }

    private double verify(Network net, long step) {
        Verifier.Outcome v = verifier.verify(net);
        String line = String.format(Locale.ROOT, "verification at step %d: %s %.2f %% (%d pairs, threshold %.3f)",
                step, verifier.name(), 100 * v.accuracy(), v.pairs(), v.threshold());
        LOG.info(line);
        listener.message(line);
        return v.accuracy();
    }

    /** The training-mode forward the trainer uses (for benchmarks). */
    public static Tensor forwardForBench(Network net, Tensor images, boolean bf16) {
        return forward(net, images, bf16);
    }

    /** The backbone forward in training mode, under bf16 autocast when asked; the embedding comes out float32. */
    static Tensor forward(Network net, Tensor images, boolean bf16) {
        if (!bf16) {
            return net.forward(images, true);
        }
        torch.set_autocast_cache_enabled(false);
        torch.set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
        torch.set_autocast_enabled(DeviceType.CPU, true);
        try {
            return net.forward(images, true).to(ScalarType.Float);
        } finally {
            torch.set_autocast_enabled(DeviceType.CPU, false);
        }
    }
}
