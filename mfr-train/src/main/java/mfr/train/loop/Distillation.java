package mfr.train.loop;

import mfr.train.engine.HostTensors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The feature-distillation term {@code weight / N * sum_i (1 - cos(e_i, t_i))} over a global batch of N, where
 * e_i is the student's embedding and t_i the teacher's unit embedding of the same face unmasked. Its gradient with
 * respect to e_i is {@code -(weight / N) * (t_i - cos_i * ê_i) / |e_i|}; it is handed to the head so one backward
 * pass carries both terms. Computed on the host: a batch is a few hundred kilobytes.
 */
final class Distillation {
    private Distillation() {
    }

    /** The gradient ([b, dim], float) and the mean of 1 - cos over this worker's samples. */
    record Term(Tensor gradient, double meanLoss) {
    }

    static Term term(Tensor embeddings, float[] targets, double weight, int globalBatch) {
        float[] e = HostTensors.toFloats(embeddings.detach().to(ScalarType.Float).contiguous());
        int b = (int) embeddings.size(0);
        int dim = e.length / b;
        if (targets.length != e.length) {
            throw new IllegalArgumentException("teacher targets have " + targets.length / Math.max(1, dim)
                    + " rows of " + dim + ", the batch " + b);
        }
        float[] g = new float[e.length];
        double lossSum = 0;
        double scale = weight / globalBatch;
        for (int i = 0; i < b; i++) {
            int off = i * dim;
            double n2 = 0;
            double dot = 0;
            for (int k = 0; k < dim; k++) {
                n2 += (double) e[off + k] * e[off + k];
                dot += (double) e[off + k] * targets[off + k];
            }
            double norm = Math.max(Math.sqrt(n2), 1e-12);
            double cos = dot / norm;
            lossSum += 1 - cos;
            for (int k = 0; k < dim; k++) {
                double unit = e[off + k] / norm;
                g[off + k] = (float) (-scale * (targets[off + k] - cos * unit) / norm);
            }
        }
        return new Term(HostTensors.floats(g, b, dim), lossSum / b);
    }
}
