package mfr.mask.classify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.mask.convert.ImageFiles;

/**
 * Probability that a face wears a mask, from {@link FeatureKind features} of its aligned crop: logistic regression on
 * hand-made pixel features (and, for {@link FeatureKind#EMBEDDING}/{@link FeatureKind#BOTH}, the embedding of the
 * model it was trained with), a small CNN on the downscaled crop ({@link FeatureKind#CNN}, run by ONNX Runtime), or
 * the mean of a pixel logistic regression and a CNN ({@link FeatureKind#BLEND}, {@link BlendModel}).
 * Trained only on synthetic masks by {@code mfr mask train-classifier}, which writes
 * {@code $MFR_HOME/models/mask-classifier.json} (and, for the CNN and the blend, {@code mask-classifier.onnx}
 * beside it); no weights ship with mfr. Thread-safe; {@link #close} releases the CNN's ONNX Runtime session.
 */
public final class MaskClassifier implements AutoCloseable {
    public static final String FILE = "mask-classifier.json";
    /** The CNN's network, beside {@link #FILE}. */
    public static final String CNN_FILE = "mask-classifier.onnx";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The saved form: {@code model} for logistic regression (version 1), {@code network} for the CNN (version 2),
     * both for the blend (version 3).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Saved(int version, String features, String embedderId, double threshold, LogisticModel model,
                        Network network, Map<String, Object> provenance) {
    }

    /** The CNN's ONNX file (in the models folder), its SHA-256 and its input size. */
    public record Network(String file, String sha256, int inputSize) {
    }

    private final FeatureKind kind;
    private final String embedderId;
    private final MaskModel model;
    private final double threshold;
    private final Map<String, Object> provenance;

    public MaskClassifier(FeatureKind kind, String embedderId, MaskModel model, double threshold,
                          Map<String, Object> provenance) {
        if ((kind == FeatureKind.CNN) != (model instanceof CnnModel)
                || (kind == FeatureKind.BLEND) != (model instanceof BlendModel)) {
            throw new IllegalArgumentException("features " + kind + " do not go with a " + model.getClass().getSimpleName());
        }
        this.kind = kind;
        this.embedderId = embedderId;
        this.model = model;
        this.threshold = threshold;
        this.provenance = Map.copyOf(provenance);
    }

    /** A CNN classifier whose network is {@code modelsDir/file} (ONNX, input {@code [N, 3, size, size]}). */
    public static MaskClassifier cnn(Path modelsDir, String file, int inputSize, double threshold,
                                     Map<String, Object> provenance) {
        return new MaskClassifier(FeatureKind.CNN, null, CnnModel.load(modelsDir, file, null, inputSize,
                FeatureKind.CNN), threshold, provenance);
    }

    /**
     * The mean of a logistic regression on {@link FeatureKind#PIXELS} and the CNN {@code modelsDir/file}; the
     * decision threshold is 0.5.
     */
    public static MaskClassifier blend(Path modelsDir, LogisticModel logistic, String file, int inputSize,
                                       Map<String, Object> provenance) {
        return new MaskClassifier(FeatureKind.BLEND, null, new BlendModel(logistic, CnnModel.load(modelsDir, file,
                null, inputSize, FeatureKind.BLEND)), 0.5, provenance);
    }

    public FeatureKind kind() {
        return kind;
    }

    public String embedderId() {
        return embedderId;
    }

    public double threshold() {
        return threshold;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    /**
     * The features of a face of the given kind (it needs its aligned crop, and its embedding for the kinds that use
     * it); for {@link FeatureKind#CNN}, the crop at {@link CnnInput#SIZE}; for {@link FeatureKind#BLEND}, the pixel
     * features followed by that crop.
     */
    public static float[] features(FeatureKind kind, Face face) {
        return features(kind, face, CnnInput.SIZE);
    }

    private static float[] features(FeatureKind kind, Face face, int cnnSize) {
        if (face.aligned() == null) {
            throw new IllegalArgumentException("the mask classifier needs the face's aligned crop (use analyze)");
        }
        if (kind == FeatureKind.CNN) {
            return CnnInput.of(face.aligned(), cnnSize);
        }
        float[] px = kind == FeatureKind.EMBEDDING ? new float[0] : PixelFeatures.of(face.aligned());
        if (kind == FeatureKind.PIXELS) {
            return px;
        }
        if (kind == FeatureKind.BLEND) {
            return concat(px, CnnInput.of(face.aligned(), cnnSize));
        }
        if (face.embedding() == null) {
            throw new IllegalArgumentException("the mask classifier needs the face's embedding (use analyze)");
        }
        return concat(face.embedding().vector(), px);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The features this classifier reads from a face. */
    public float[] featuresOf(Face face) {
        int size = model instanceof CnnModel c ? c.inputSize()
                : model instanceof BlendModel b ? b.cnn().inputSize() : CnnInput.SIZE;
        return features(kind, face, size);
    }

    public double probability(Face face) {
        if (kind.needsEmbedding() && face.embedding() != null && !face.embedding().modelId().startsWith(embedderId)) {
            throw new MfrException(ErrorCode.MODEL, "the mask classifier was trained on embeddings of " + embedderId
                    + ", this face's come from " + face.embedding().modelId()
                    + ": retrain it with 'mfr mask train-classifier --embedder ...'");
        }
        return model.probability(featuresOf(face));
    }

    /** The probability for features already computed with {@link #featuresOf} (of this classifier's kind). */
    public double probabilityOf(float[] features) {
        return model.probability(features);
    }

    /** The face with its mask probability set. */
    public Face annotate(Face face) {
        return face.withMaskProbability(probability(face));
    }

    public boolean masked(Face face) {
        return probability(face) >= threshold;
    }

    public static Path file(Path modelsDir) {
        return modelsDir.resolve(FILE);
    }

    /** Writes {@link #FILE} (the CNN's ONNX file must already be in {@code modelsDir}). */
    public void save(Path modelsDir) {
        Saved s;
        if (model instanceof CnnModel c) {
            s = new Saved(2, kind.name(), null, threshold, null, network(c), provenance);
        } else if (model instanceof BlendModel b) {
            s = new Saved(3, kind.name(), null, threshold, b.logistic(), network(b.cnn()), provenance);
        } else {
            s = new Saved(1, kind.name(), embedderId, threshold, (LogisticModel) model, null, provenance);
        }
        try {
            ImageFiles.writeString(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s), file(modelsDir));
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + file(modelsDir) + ": " + e.getMessage());
        }
    }

    private static Network network(CnnModel c) {
        return new Network(c.file(), c.sha256(), c.inputSize());
    }

    /** The installed classifier, if {@code mfr mask train-classifier} has been run. */
    public static Optional<MaskClassifier> load(Path modelsDir) {
        Path f = file(modelsDir);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Saved s;
        FeatureKind kind;
        try {
            s = JSON.readValue(f.toFile(), Saved.class);
            kind = s.features() == null ? null : FeatureKind.valueOf(s.features());
        } catch (IOException | IllegalArgumentException e) {
            throw new MfrException(ErrorCode.MODEL, f + ": unreadable mask classifier (" + e.getMessage()
                    + "): rerun 'mfr mask train-classifier'");
        }
        boolean network = s.network() != null && s.network().file() != null && s.network().inputSize() > 0;
        if (s.version() == 3 && kind == FeatureKind.BLEND && (s.model() == null || !network)) {
            throw new MfrException(ErrorCode.MODEL, f + ": the blend lacks its " + (s.model() == null
                    ? "logistic regression ('model')" : "CNN ('network' with file and inputSize)")
                    + ": rerun 'mfr mask train-classifier --features BLEND'");
        }
        boolean logistic = s.version() == 1 && kind != null && kind != FeatureKind.CNN && kind != FeatureKind.BLEND
                && s.model() != null;
        boolean cnn = s.version() == 2 && kind == FeatureKind.CNN && network;
        boolean blend = s.version() == 3 && kind == FeatureKind.BLEND;
        if (!logistic && !cnn && !blend) {
            throw new MfrException(ErrorCode.MODEL, f + ": unknown mask classifier format (version " + s.version()
                    + ", features " + s.features() + "): rerun 'mfr mask train-classifier'");
        }
        Map<String, Object> prov = s.provenance() == null ? Map.of() : s.provenance();
        if (cnn || blend) {
            if (!s.network().file().matches("[A-Za-z0-9_.-]+")) {
                throw new MfrException(ErrorCode.MODEL, f + ": the network file must be a plain file name in "
                        + modelsDir + ", not " + s.network().file());
            }
            if (s.network().sha256() == null) {
                throw new MfrException(ErrorCode.MODEL, f + ": no sha256 recorded for " + s.network().file()
                        + ": rerun 'mfr mask train-classifier --features " + kind + "'");
            }
        }
        try {
            MaskModel m = logistic ? s.model() : CnnModel.load(modelsDir, s.network().file(), s.network().sha256(),
                    s.network().inputSize(), kind);
            if (blend) {
                m = new BlendModel(s.model(), (CnnModel) m);
            }
            return Optional.of(new MaskClassifier(kind, s.embedderId(), m, s.threshold(), prov));
        } catch (IllegalArgumentException e) {
            throw new MfrException(ErrorCode.MODEL, f + ": unreadable mask classifier (" + e.getMessage()
                    + "): rerun 'mfr mask train-classifier'");
        }
    }

    /** The installed classifier, or a clear error saying how to create it. */
    public static MaskClassifier require(Path modelsDir) {
        return load(modelsDir).orElseThrow(() -> new MfrException(ErrorCode.MODEL, file(modelsDir)
                + ": no mask classifier installed: create it with 'mfr mask train-classifier' (a few minutes)"));
    }

    @Override
    public void close() {
        model.close();
    }
}
