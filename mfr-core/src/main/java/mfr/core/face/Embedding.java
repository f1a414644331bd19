package mfr.core.face;

import java.util.Objects;

/**
 * A unit-length face embedding tagged with the model that made it. Embeddings of different models are never
 * compared: {@link #similarity} refuses them.
 */
public record Embedding(float[] vector, String modelId) {
    public Embedding {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(modelId, "modelId");
    }

    /** L2-normalises {@code raw} (copied) into an embedding. */
    public static Embedding normalized(float[] raw, String modelId) {
        double sum = 0;
        for (float v : raw) {
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || Double.isNaN(norm)) {
            throw new IllegalArgumentException("cannot normalise a zero or NaN vector");
        }
        float[] out = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (float) (raw[i] / norm);
        }
        return new Embedding(out, modelId);
    }

    public int dimension() {
        return vector.length;
    }

    /** Cosine similarity (a dot product, both vectors being unit length), in [-1, 1]. */
    public double similarity(Embedding other) {
        if (!modelId.equals(other.modelId)) {
            throw new IllegalArgumentException(
                    "embeddings of different models cannot be compared: " + modelId + " vs " + other.modelId);
        }
        if (vector.length != other.vector.length) {
            throw new IllegalArgumentException("dimension mismatch " + vector.length + " vs " + other.vector.length);
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
        }
        return dot;
    }
}
