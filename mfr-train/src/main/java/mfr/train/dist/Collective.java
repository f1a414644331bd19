package mfr.train.dist;

import org.bytedeco.pytorch.Tensor;

/**
 * The collectives training needs, over a group of {@link #worldSize()} worker processes. {@link Local} is the
 * one-process group; {@link GlooCollective} runs on PyTorch's Gloo process group (CPU, TCP). All tensors are
 * contiguous CPU tensors; the in-place operations write their result into the tensor they are given.
 */
public interface Collective extends AutoCloseable {
    int rank();

    int worldSize();

    /** Concatenates every worker's tensor along dimension 0, in rank order (same shape on every worker). */
    Tensor allGather(Tensor t);

    void allReduceSum(Tensor t);

    void allReduceMax(Tensor t);

    /** Copies rank {@code root}'s tensor into everyone's. */
    void broadcast(Tensor t, int root);

    void barrier();

    @Override
    void close();

    /** A group of one: every collective is the identity. */
    final class Local implements Collective {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 1;
        }

        @Override
        public Tensor allGather(Tensor t) {
            return t;
        }

        @Override
        public void allReduceSum(Tensor t) {
        }

        @Override
        public void allReduceMax(Tensor t) {
        }

        @Override
        public void broadcast(Tensor t, int root) {
        }

        @Override
        public void barrier() {
        }

        @Override
        public void close() {
        }
    }
}
