package mfr.train.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Everything a training run uses, typed, in one object: built from {@link #DEFAULTS} (the base config), a config
 * file (itself possibly based on another) and command-line overrides, in that order. {@link #describe()} lists every
 * resolved value; the trainer logs it at start and stores it with each checkpoint.
 */
public record TrainConfig(Model model, Data data, Optim optim, Head head, Distill distill, Precision precision,
                          Run run) {

    /**
     * Backbone by name ({@code mbf}, {@code r50}, ...) or {@code onnx:FILE} / {@code onnx:MODEL_ID} to fine-tune;
     * {@code freeze}: the fraction of the backbone's trainable tensors, counted from the input, kept frozen.
     */
    public record Model(String backbone, int embedding, long seed, int threads, String device, double freeze) {
    }

    /**
     * Data: {@code kind} synthetic | folder | recordio; images RGB/BGR with (x - mean) / std; augmentation
     * probabilities; {@code align} aligns unaligned identity folders once through the pipeline into a cache;
     * {@code list} keeps only the images of a {@code path,label} CSV (what {@code mfr clean} writes as cleaned.csv)
     * under its labels; {@code mask} is the probability that a sample is replaced by one of its masked twins, found
     * under the same identity/file name in the identity folders of {@code maskedPath} (comma-separated; the CLI
     * renders them with mfr-mask when empty); {@code maskVariants} is how many such folders the CLI renders.
     */
    public record Data(String kind, String path, boolean align, int maxIdentities, int syntheticClasses,
                       int syntheticPerClass, int loaderThreads, double flip, double colour, double jpeg,
                       int jpegMinQuality, int jpegMaxQuality, double mask, String maskedPath, int maskVariants,
                       String list, String order, double mean, double std) {
    }

    /** Optimizer and schedule: poly decay to 0 after linear warm-up; clipping of the backbone gradient norm. */
    public record Optim(String name, double lr, double momentum, double weightDecay, double beta1, double beta2,
                        double eps, int warmupSteps, double power, double clipNorm, int accumulate, int batchSize,
                        int steps) {
    }

    /**
     * Margin (s, m1, m2, m3) from {@code loss} arcface | cosface | combined, the Partial FC sample rate, the weight
     * of the margin loss in the total, and how the class centres start: {@code random} (N(0, 0.01)) or
     * {@code teacher} (each class's mean teacher embedding, so a fine-tune does not start against random centres).
     */
    public record Head(String loss, double s, double m1, double m2, double m3, double sampleRate, double weight,
                       String init) {
    }

    /**
     * Feature distillation from a frozen teacher: {@code weight} times the mean of 1 - cos(student(x), teacher(x0)),
     * where x0 is the unmasked original of sample x (so a masked twin is pulled towards its own face's unmasked
     * embedding). {@code teacher}: an {@code onnx:} reference; empty means the starting weights of an
     * {@code onnx:} backbone.
     */
    public record Distill(double weight, String teacher) {
    }

    /** {@code amp} none | bf16 (CPU) | fp16 (GPU); dynamic loss scale like PyTorch's GradScaler. */
    public record Precision(String amp, double initScale, double growthFactor, double backoffFactor,
                            int growthInterval) {
    }

    /**
     * Output folder, checkpoint and log cadence, periodic verification on a pairs file, the model id to register the
     * exported ONNX model under (empty: export only), resume from the latest checkpoint, and {@code stopAt}: stop after
     * that step with a checkpoint, as an interrupted run would (0: run to the end).
     */
    public record Run(Path output, int checkpointEvery, int logEvery, int verifyEvery, String verifyData,
                      int verifyPairs, String exportId, boolean resume, int stopAt) {
    }

    /** The base config: every key and its default. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("model.backbone", "mbf");
        d.put("model.embedding", "512");
        d.put("model.seed", "42");
        d.put("model.threads", "2");
        d.put("model.device", "cpu");
        d.put("model.freeze", "0");
        d.put("data.kind", "synthetic");
        d.put("data.path", "");
        d.put("data.align", "false");
        d.put("data.maxIdentities", "0");
        d.put("data.syntheticClasses", "100");
        d.put("data.syntheticPerClass", "16");
        d.put("data.loaderThreads", "2");
        d.put("data.flip", "0.5");
        d.put("data.colour", "0");
        d.put("data.jpeg", "0");
        d.put("data.jpegMinQuality", "30");
        d.put("data.jpegMaxQuality", "95");
        d.put("data.mask", "0");
        d.put("data.maskedPath", "");
        d.put("data.maskVariants", "2");
        d.put("data.list", "");
        d.put("data.order", "RGB");
        d.put("data.mean", "127.5");
        d.put("data.std", "127.5");
        d.put("optim.name", "sgd");
        d.put("optim.lr", "0.1");
        d.put("optim.momentum", "0.9");
        d.put("optim.weightDecay", "5e-4");
        d.put("optim.beta1", "0.9");
        d.put("optim.beta2", "0.999");
        d.put("optim.eps", "1e-8");
        d.put("optim.warmupSteps", "0");
        d.put("optim.power", "2");
        d.put("optim.clipNorm", "5");
        d.put("optim.accumulate", "1");
        d.put("optim.batchSize", "64");
        d.put("optim.steps", "100");
        d.put("head.loss", "arcface");
        d.put("head.s", "64");
        d.put("head.m1", "1");
        d.put("head.m2", "0.5");
        d.put("head.m3", "0");
        d.put("head.sampleRate", "1.0");
        d.put("head.weight", "1");
        d.put("head.init", "random");
        d.put("distill.weight", "0");
        d.put("distill.teacher", "");
        d.put("precision.amp", "none");
        d.put("precision.initScale", "65536");
        d.put("precision.growthFactor", "2");
        d.put("precision.backoffFactor", "0.5");
        d.put("precision.growthInterval", "2000");
        d.put("run.output", "runs/train");
        d.put("run.checkpointEvery", "50");
        d.put("run.logEvery", "10");
        d.put("run.verifyEvery", "0");
        d.put("run.verifyData", "lfw");
        d.put("run.verifyPairs", "600");
        d.put("run.exportId", "");
        d.put("run.resume", "true");
        d.put("run.stopAt", "0");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Defaults, then {@code values}; unknown keys are an error that lists the valid ones. */
    public static TrainConfig of(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new MfrException(ErrorCode.USAGE, "unknown config key '" + e.getKey() + "'; valid keys: "
                        + String.join(", ", new TreeSet<>(DEFAULTS.keySet())));
            }
            v.put(e.getKey(), e.getValue());
        }
        Reader r = new Reader(v);
        String loss = r.str("head.loss").toLowerCase(Locale.ROOT);
        double m1 = r.dbl("head.m1");
        double m2 = r.dbl("head.m2");
        double m3 = r.dbl("head.m3");
        // The named losses fix their margins unless the config sets them explicitly.
        switch (loss) {
            case "arcface" -> {
                m1 = values.containsKey("head.m1") ? m1 : 1;
                m2 = values.containsKey("head.m2") ? m2 : 0.5;
                m3 = values.containsKey("head.m3") ? m3 : 0;
            }
            case "cosface" -> {
                m1 = values.containsKey("head.m1") ? m1 : 1;
                m2 = values.containsKey("head.m2") ? m2 : 0;
                m3 = values.containsKey("head.m3") ? m3 : 0.4;
            }
            case "combined" -> {
            }
            default -> throw new MfrException(ErrorCode.USAGE, "head.loss must be arcface, cosface or combined, got " + loss);
        }
        TrainConfig c = new TrainConfig(
                new Model(r.str("model.backbone"), r.pos("model.embedding"), r.lng("model.seed"), r.pos("model.threads"),
                        r.oneOf("model.device", "cpu", "cuda"), r.fraction("model.freeze")),
                new Data(r.oneOf("data.kind", "synthetic", "folder", "recordio"), r.str("data.path"),
                        r.bool("data.align"), r.nonNeg("data.maxIdentities"), r.pos("data.syntheticClasses"),
                        r.pos("data.syntheticPerClass"), r.pos("data.loaderThreads"), r.prob("data.flip"),
                        r.prob("data.colour"), r.prob("data.jpeg"), r.pos("data.jpegMinQuality"),
                        r.pos("data.jpegMaxQuality"), r.prob("data.mask"), r.str("data.maskedPath").trim(),
                        r.pos("data.maskVariants"), r.str("data.list").trim(), r.oneOf("data.order", "RGB", "BGR"),
                        r.dbl("data.mean"), r.dbl("data.std")),
                new Optim(r.oneOf("optim.name", "sgd", "adamw"), r.dbl("optim.lr"), r.dbl("optim.momentum"),
                        r.dbl("optim.weightDecay"), r.dbl("optim.beta1"), r.dbl("optim.beta2"), r.dbl("optim.eps"),
                        r.nonNeg("optim.warmupSteps"), r.dbl("optim.power"), r.dbl("optim.clipNorm"),
                        r.pos("optim.accumulate"), r.pos("optim.batchSize"), r.pos("optim.steps")),
                new Head(loss, r.dbl("head.s"), m1, m2, m3, r.dbl("head.sampleRate"), r.nonNegDbl("head.weight"),
                        r.oneOf("head.init", "random", "teacher")),
                new Distill(r.nonNegDbl("distill.weight"), r.str("distill.teacher").trim()),
                new Precision(r.oneOf("precision.amp", "none", "bf16", "fp16"), r.dbl("precision.initScale"),
                        r.dbl("precision.growthFactor"), r.dbl("precision.backoffFactor"),
                        r.pos("precision.growthInterval")),
                new Run(Path.of(r.str("run.output")), r.nonNeg("run.checkpointEvery"), r.pos("run.logEvery"),
                        r.nonNeg("run.verifyEvery"), r.str("run.verifyData"), r.pos("run.verifyPairs"),
                        r.str("run.exportId"), r.bool("run.resume"), r.nonNeg("run.stopAt")));
        c.validate();
        return c;
    }

    private void validate() {
        if (head.sampleRate() <= 0 || head.sampleRate() > 1) {
            throw new MfrException(ErrorCode.USAGE, "head.sampleRate must be in (0, 1], got " + head.sampleRate());
        }
        if (!data.kind().equals("synthetic") && data.path().isBlank()) {
            throw new MfrException(ErrorCode.USAGE, "data.kind=" + data.kind() + " needs data.path (an identity folder"
                    + " or a directory with train.rec and train.idx)");
        }
        if (data.jpegMinQuality() > data.jpegMaxQuality() || data.jpegMaxQuality() > 100) {
            throw new MfrException(ErrorCode.USAGE, "data.jpegMinQuality..data.jpegMaxQuality must lie in 1..100");
        }
        if (data.mask() > 0 && !data.kind().equals("folder")) {
            throw new MfrException(ErrorCode.USAGE, "data.mask needs identity folders (data.kind=folder): masked twins"
                    + " are found by identity and file name");
        }
        if (!data.list().isEmpty() && !data.kind().equals("folder")) {
            throw new MfrException(ErrorCode.USAGE, "data.list needs identity folders (data.kind=folder)");
        }
        if (head.weight() == 0 && distill.weight() == 0) {
            throw new MfrException(ErrorCode.USAGE, "head.weight and distill.weight are both 0: nothing to train");
        }
        boolean needsTeacher = distill.weight() > 0 || head.init().equals("teacher");
        if (needsTeacher && distill.teacher().isEmpty() && !model.backbone().startsWith("onnx:")) {
            throw new MfrException(ErrorCode.USAGE, "distill.weight > 0 or head.init=teacher needs a teacher: set"
                    + " distill.teacher=onnx:MODEL, or fine-tune an onnx: backbone (its starting weights teach)");
        }
        if (!distill.teacher().isEmpty() && !distill.teacher().startsWith("onnx:")) {
            throw new MfrException(ErrorCode.USAGE, "distill.teacher must be onnx:FILE or onnx:MODEL_ID, got "
                    + distill.teacher());
        }
        if (model.device().equals("cuda") || precision.amp().equals("fp16")) {
            throw new MfrException(ErrorCode.USAGE, "this build bundles the CPU libtorch (org.bytedeco:pytorch"
                    + " linux-x86_64); CUDA training and fp16 need the linux-x86_64-gpu artifact: use model.device=cpu"
                    + " and precision.amp=none or bf16");
        }
        if (optim.lr() <= 0) {
            throw new MfrException(ErrorCode.USAGE, "optim.lr must be positive");
        }
    }

    /** Whether the run needs teacher embeddings (distillation or teacher-initialised centres). */
    public boolean needsTeacher() {
        return distill.weight() > 0 || head.init().equals("teacher");
    }

    /** The teacher's {@code onnx:} reference: {@code distill.teacher}, else the starting backbone. */
    public String teacherRef() {
        return distill.teacher().isEmpty() ? model.backbone() : distill.teacher();
    }

    /** Every resolved value, in a stable order (what the run log and the checkpoints record). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (java.lang.reflect.RecordComponent section : TrainConfig.class.getRecordComponents()) {
            try {
                Object part = section.getAccessor().invoke(this);
                for (java.lang.reflect.RecordComponent f : part.getClass().getRecordComponents()) {
                    m.put(section.getName() + "." + f.getName(), f.getAccessor().invoke(part));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return m;
    }

    /** Typed reads with messages that name the key. */
    private record Reader(Map<String, String> v) {
        String str(String k) {
            return v.get(k);
        }

        double dbl(String k) {
            try {
                return Double.parseDouble(v.get(k));
            } catch (NumberFormatException e) {
                throw bad(k, "a number");
            }
        }

        long lng(String k) {
            try {
                return Long.parseLong(v.get(k));
            } catch (NumberFormatException e) {
                throw bad(k, "an integer");
            }
        }

        int pos(String k) {
            long x = lng(k);
            if (x < 1 || x > Integer.MAX_VALUE) {
                throw bad(k, "a positive integer");
            }
            return (int) x;
        }

        int nonNeg(String k) {
            long x = lng(k);
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw bad(k, "an integer >= 0");
            }
            return (int) x;
        }

        double fraction(String k) {
            double x = dbl(k);
            if (x < 0 || x >= 1) {
                throw bad(k, "a fraction in [0, 1)");
            }
            return x;
        }

        double nonNegDbl(String k) {
            double x = dbl(k);
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw bad(k, "a number >= 0");
            }
            return x;
        }

        double prob(String k) {
            double x = dbl(k);
            if (x < 0 || x > 1) {
                throw bad(k, "a probability in [0, 1]");
            }
            return x;
        }

        boolean bool(String k) {
            String s = v.get(k).toLowerCase(Locale.ROOT);
            if (!s.equals("true") && !s.equals("false")) {
                throw bad(k, "true or false");
            }
            return s.equals("true");
        }

        String oneOf(String k, String... allowed) {
            String s = v.get(k);
            for (String a : allowed) {
                if (a.equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw bad(k, "one of " + String.join(", ", allowed));
        }

        private MfrException bad(String k, String what) {
            return new MfrException(ErrorCode.USAGE, "config " + k + " = '" + v.get(k) + "' must be " + what);
        }
    }
}
