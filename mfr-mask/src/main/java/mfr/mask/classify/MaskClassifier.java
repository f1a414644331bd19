package mfr.mask.classify;

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
 * Probability that a face wears a mask: logistic regression on {@link FeatureKind features} of the aligned crop
 * (and, for {@link FeatureKind#EMBEDDING}/{@link FeatureKind#BOTH}, the embedding of the model it was trained with).
 * Trained only on synthetic masks by {@code mfr mask train-classifier}, which writes
 * {@code $MFR_HOME/models/mask-classifier.json}; no weights ship with mfr.
 */
public final class MaskClassifier {
    public static final String FILE = "mask-classifier.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The saved form. */
    public record Saved(int version, String features, String embedderId, double threshold, LogisticModel model,
                        Map<String, Object> provenance) {
    }

    private final FeatureKind kind;
    private final String embedderId;
    private final LogisticModel model;
    private final double threshold;
    private final Map<String, Object> provenance;

    public MaskClassifier(FeatureKind kind, String embedderId, LogisticModel model, double threshold,
                          Map<String, Object> provenance) {
        this.kind = kind;
        this.embedderId = embedderId;
        this.model = model;
        this.threshold = threshold;
        this.provenance = Map.copyOf(provenance);
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

    /** The features of a face (it needs its aligned crop, and its embedding unless the kind is PIXELS). */
    public static float[] features(FeatureKind kind, Face face) {
        if (face.aligned() == null) {
            throw new IllegalArgumentException("the mask classifier needs the face's aligned crop (use analyze)");
        }
        float[] px = kind == FeatureKind.EMBEDDING ? new float[0] : PixelFeatures.of(face.aligned());
        if (kind == FeatureKind.PIXELS) {
            return px;
        }
        if (face.embedding() == null) {
            throw new IllegalArgumentException("the mask classifier needs the face's embedding (use analyze)");
        }
        float[] e = face.embedding().vector();
        float[] out = new float[px.length + e.length];
        System.arraycopy(e, 0, out, 0, e.length);
        System.arraycopy(px, 0, out, e.length, px.length);
        return out;
    }

    public double probability(Face face) {
        if (kind != FeatureKind.PIXELS && face.embedding() != null && !face.embedding().modelId().startsWith(embedderId)) {
            throw new MfrException(ErrorCode.MODEL, "the mask classifier was trained on embeddings of " + embedderId
                    + ", this face's come from " + face.embedding().modelId()
                    + ": retrain it with 'mfr mask train-classifier --embedder ...'");
        }
        return model.probability(features(kind, face));
    }

    /** The probability for features already computed with {@link #features} (of this classifier's kind). */
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

    public void save(Path modelsDir) {
        Saved s = new Saved(1, kind.name(), embedderId, threshold, model, provenance);
        try {
            ImageFiles.writeString(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s), file(modelsDir));
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + file(modelsDir) + ": " + e.getMessage());
        }
    }

    /** The installed classifier, if {@code mfr mask train-classifier} has been run. */
    public static Optional<MaskClassifier> load(Path modelsDir) {
        Path f = file(modelsDir);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Saved s = JSON.readValue(f.toFile(), Saved.class);
            if (s.version() != 1 || s.model() == null) {
                throw new MfrException(ErrorCode.MODEL, f + ": unknown mask classifier format: rerun"
                        + " 'mfr mask train-classifier'");
            }
            return Optional.of(new MaskClassifier(FeatureKind.valueOf(s.features()), s.embedderId(), s.model(),
                    s.threshold(), s.provenance() == null ? Map.of() : s.provenance()));
        } catch (IOException | IllegalArgumentException e) {
            throw new MfrException(ErrorCode.MODEL, f + ": unreadable mask classifier (" + e.getMessage()
                    + "): rerun 'mfr mask train-classifier'");
        }
    }

    /** The installed classifier, or a clear error saying how to create it. */
    public static MaskClassifier require(Path modelsDir) {
        return load(modelsDir).orElseThrow(() -> new MfrException(ErrorCode.MODEL, file(modelsDir)
                + ": no mask classifier installed: create it with 'mfr mask train-classifier' (about a minute)"));
    }
}
