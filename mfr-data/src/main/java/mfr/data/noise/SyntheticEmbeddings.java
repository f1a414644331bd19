package mfr.data.noise;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mfr.data.clean.EmbeddingSet;
import mfr.data.clean.UnitVectors;

/**
 * Face-like synthetic embeddings: each identity a random unit centre, each sample its centre plus isotropic noise,
 * normalised. With {@code noise} = 1 two samples of one identity have cosine about 0.5, of two identities about 0.
 */
public final class SyntheticEmbeddings {
    private SyntheticEmbeddings() {
    }

    public static EmbeddingSet generate(int identities, int perIdentity, int dim, double noise, long seed) {
        Random rnd = new Random(seed);
        int n = identities * perIdentity;
        float[][] v = new float[n][];
        int[] labels = new int[n];
        List<String> items = new ArrayList<>(n);
        List<String> names = new ArrayList<>(identities);
        float sigma = (float) (noise / Math.sqrt(dim));
        for (int id = 0; id < identities; id++) {
            names.add(String.format("id%07d", id));
            float[] c = new float[dim];
            for (int d = 0; d < dim; d++) {
                c[d] = (float) rnd.nextGaussian();
            }
            UnitVectors.normalize(c);
            for (int k = 0; k < perIdentity; k++) {
                int i = id * perIdentity + k;
                float[] s = new float[dim];
                for (int d = 0; d < dim; d++) {
                    s[d] = c[d] + sigma * (float) rnd.nextGaussian();
                }
                v[i] = UnitVectors.normalize(s);
                labels[i] = id;
                items.add(names.get(id) + "/" + k);
            }
        }
        return new EmbeddingSet(items, labels, names, v);
    }
}
