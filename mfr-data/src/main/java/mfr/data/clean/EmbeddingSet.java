package mfr.data.clean;

import java.util.List;

/**
 * A labelled set of unit embeddings: sample i is {@code items.get(i)} (a file path or any id) with label
 * {@code labelNames.get(labels[i])} and vector {@code vectors[i]}.
 */
public record EmbeddingSet(List<String> items, int[] labels, List<String> labelNames, float[][] vectors) {
    public EmbeddingSet {
        items = List.copyOf(items);
        labelNames = List.copyOf(labelNames);
        if (items.size() != labels.length || labels.length != vectors.length) {
            throw new IllegalArgumentException("items, labels and vectors must have the same length");
        }
        for (int l : labels) {
            if (l < 0 || l >= labelNames.size()) {
                throw new IllegalArgumentException("label index out of range: " + l);
            }
        }
    }

    public int size() {
        return items.size();
    }

    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }
}
