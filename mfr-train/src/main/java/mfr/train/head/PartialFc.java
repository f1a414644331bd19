package mfr.train.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.loop.Optimizer;
import mfr.train.loss.MarginLoss;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Partial FC (An et al., insightface {@code partial_fc_v2}): the class centres are split into one shard per worker;
 * each step gathers every worker's embeddings and labels, samples a fraction r of the local shard keeping every
 * positive class, computes the margin softmax across shards (all-reduced row max and sum), and returns the embedding
 * gradients to the workers that own the embeddings. Only sampled centres receive gradients and are updated (their
 * optimizer state rows too). With r = 1 and one worker it is a plain full FC.
 *
 * <p>The head's gradient is computed analytically (softmax minus one-hot, the margin's derivative by autograd on
 * the target logits only), so no autograd function crosses the collectives.
 */
public final class PartialFc implements AutoCloseable {
    private final int numClasses;
    private final int dim;
    private final int start;
    private final int count;
    private final int numSample;
    private final MarginLoss margin;
    private final Collective comm;
    private final long seed;
    private final Tensor weight;
    private Tensor[] state = new Tensor[0];
    /** Gradients of the sampled centres since the last update: (sorted local indices, [S, dim] gradient). */
    private final List<Part> parts = new ArrayList<>();

    private record Part(long[] index, Tensor grad) {
    }

    public PartialFc(int numClasses, int dim, double sampleRate, MarginLoss margin, Collective comm, long seed) {
        if (sampleRate <= 0 || sampleRate > 1) {
            throw new IllegalArgumentException("Partial FC sample rate must be in (0, 1], got " + sampleRate);
        }
        int world = comm.worldSize();
        int rank = comm.rank();
        if (numClasses < world) {
            throw new IllegalArgumentException(numClasses + " classes cannot be split over " + world + " workers");
        }
        this.numClasses = numClasses;
        this.dim = dim;
        this.count = numClasses / world + (rank < numClasses % world ? 1 : 0);
        this.start = numClasses / world * rank + Math.min(rank, numClasses % world);
        this.numSample = Math.max(1, (int) (sampleRate * count));
        this.margin = margin;
        this.comm = comm;
        this.seed = seed;
        this.weight = initialCentres(seed, start, count, dim);
        this.weight.retainReference();
    }

    /** Centre c is drawn from N(0, 0.01) with a generator seeded by (seed, c): the same whatever the sharding. */
    private static Tensor initialCentres(long seed, int start, int count, int dim) {
        Tensor w = torch.empty(count, dim);
        int chunk = 4096;
        for (int from = 0; from < count; from += chunk) {
            int n = Math.min(chunk, count - from);
            float[] buf = new float[n * dim];
            for (int r = 0; r < n; r++) {
                SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + start + from + r);
                for (int k = 0; k < dim; k += 2) {
                    double u1 = 1 - rnd.nextDouble();
                    double u2 = rnd.nextDouble();
                    double rad = Math.sqrt(-2 * Math.log(u1)) * 0.01;
                    buf[r * dim + k] = (float) (rad * Math.cos(2 * Math.PI * u2));
                    if (k + 1 < dim) {
                        buf[r * dim + k + 1] = (float) (rad * Math.sin(2 * Math.PI * u2));
                    }
                }
            }
            try (var ng = new NoGradGuard()) {
                w.narrow(0, from, n).copy_(HostTensors.floats(buf, n, dim));
            }
        }
        return w;
    }

    /** The result of one forward/backward: the mean loss over the global batch. */
    public record Step(double loss, int sampled) {
    }

    /**
     * Computes the loss of this worker's {@code embeddings} ([B, dim], part of an autograd graph) with
     * {@code labels} ([B], global class ids), accumulates the centre gradients, and back-propagates the embedding
     * gradient, multiplied by {@code backboneScale} (the loss scale of mixed precision), into the graph.
     * {@code lossWeight} scales every gradient (1/K under K-step accumulation). Every worker calls it together.
     */
    public Step forwardBackward(Tensor embeddings, Tensor labels, double lossWeight, double backboneScale, long step) {
        return forwardBackward(embeddings, labels, lossWeight, backboneScale, step, null);
    }

    /**
     * As {@link #forwardBackward(Tensor, Tensor, double, double, long)}, adding {@code extraGradient} ([B, dim], the
     * gradient of another loss term with respect to this worker's embeddings; may be null) to the embedding gradient
     * before the one backward pass through the backbone.
     */
    public Step forwardBackward(Tensor embeddings, Tensor labels, double lossWeight, double backboneScale, long step,
                                Tensor extraGradient) {
        long b = embeddings.size(0);
        Tensor xg = comm.allGather(embeddings.detach().to(ScalarType.Float).contiguous());
        long[] y = HostTensors.toLongs(comm.allGather(labels.to(ScalarType.Long).contiguous()));
        int n = y.length;
        long[] index = sample(y, step);
        int s = index.length;
        // Local positions of the targets that live in this shard.
        long[] rows = new long[n];
        long[] flat = new long[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            long local = y[i] - start;
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new IllegalArgumentException("label " + y[i] + " outside 0.." + (numClasses - 1));
            }
            if (local >= 0 && local < count) {
                int p = Arrays.binarySearch(index, local);
                rows[pos] = i;
                flat[pos++] = (long) i * s + p;
            }
        }
        Tensor idx = HostTensors.longs(index, s);
        // Every centre sampled (r = 1): work on the shard itself instead of a copy.
        Tensor wsub = s == count ? weight.detach() : weight.index_select(0, idx).detach();
        wsub.set_requires_grad(true);
        xg.set_requires_grad(true);
        Tensor cos = torch.clamp(normalize(xg).mm(normalize(wsub).t()), new ScalarOptional(new Scalar(-1.0)),
                new ScalarOptional(new Scalar(1.0)));
        Tensor grad;
        double loss;
        try (var ng = new NoGradGuard()) {
            Tensor flatIdx = HostTensors.longs(Arrays.copyOf(flat, pos), pos);
            Tensor rowIdx = HostTensors.longs(Arrays.copyOf(rows, pos), pos);
            Tensor c = cos.detach();
            Tensor ct = c.reshape(-1).index_select(0, flatIdx);
            Tensor tLeaf = ct.clone();
            tLeaf.set_requires_grad(true);
            Tensor ft;
            try (var gradOn = new org.bytedeco.pytorch.AutoGradMode(true)) {
                ft = margin.target(tLeaf);
            }
            Tensor z = c.mul(new Scalar(margin.s())).contiguous();
            z.reshape(-1).index_copy_(0, flatIdx, ft.detach().mul(new Scalar(margin.s())));
            Tensor rowMax = z.max(1).get0().contiguous();
            comm.allReduceMax(rowMax);
            Tensor e = z.sub(rowMax.unsqueeze(1)).exp_();
            Tensor sum = e.sum(1).contiguous();
            comm.allReduceSum(sum);
            Tensor prob = e.div_(sum.unsqueeze(1));
            // -log p_target = log(sum) + max - z_target, in log space (no underflow for confident wrong rows).
            Tensor lossVec = torch.zeros(n);
            Tensor zt = ft.detach().mul(new Scalar(margin.s()));
            lossVec.index_copy_(0, rowIdx, sum.log().add(rowMax).index_select(0, rowIdx).sub(zt));
            comm.allReduceSum(lossVec);
            loss = lossVec.mean().item_float();
            // d loss / d z = (softmax - onehot) / N, scaled by the loss weight; then d z / d cos = s.
            grad = prob;
            grad.reshape(-1).index_add_(0, flatIdx, torch.full(new long[] {pos}, new Scalar(-1.0)));
            grad.mul_(new Scalar(margin.s() * lossWeight / n));
            Tensor gt = grad.reshape(-1).index_select(0, flatIdx);
            try (var gradOn = new org.bytedeco.pytorch.AutoGradMode(true)) {
                ft.backward(gt, new org.bytedeco.pytorch.BoolOptional(), false, new org.bytedeco.pytorch.TensorArrayRefOptional());
            }
            grad.reshape(-1).index_copy_(0, flatIdx, tLeaf.grad());
        }
        cos.backward(grad, new org.bytedeco.pytorch.BoolOptional(), false, new org.bytedeco.pytorch.TensorArrayRefOptional());
        Tensor gx;
        try (var ng = new NoGradGuard()) {
            gx = xg.grad().contiguous();
            comm.allReduceSum(gx);
            // grad() is a reference into wsub's autograd state; detach() gives an owning handle on the same storage.
            Tensor g = wsub.grad().detach();
            g.retainReference();
            parts.add(new Part(index, g));
        }
        Tensor mine = gx.narrow(0, comm.rank() * b, b);
        if (extraGradient != null) {
            mine = mine.add(extraGradient.to(mine.scalar_type()));
        }
        if (backboneScale != 1) {
            mine = mine.mul(new Scalar(backboneScale));
        }
        if (embeddings.requires_grad()) {
            embeddings.backward(mine.to(embeddings.scalar_type()), new org.bytedeco.pytorch.BoolOptional(), false,
                    new org.bytedeco.pytorch.TensorArrayRefOptional());
        }
        return new Step(loss, s);
    }

    private static Tensor normalize(Tensor x) {
        Tensor norm = x.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, true);
        return x.div(torch.clamp_min(norm, new Scalar(1e-12)));
    }

    /**
     * Sets this shard's centres from {@code centres} ([numClasses, dim] row-major, every class): the rows of classes
     * {@code shardStart() .. shardStart() + shardSize() - 1}.
     */
    public void setCentres(float[] centres) {
        if (centres.length != (long) numClasses * dim) {
            throw new IllegalArgumentException("expected " + numClasses + " x " + dim + " centres, got "
                    + centres.length + " values");
        }
        float[] mine = java.util.Arrays.copyOfRange(centres, start * dim, (start + count) * dim);
        try (var ng = new NoGradGuard()) {
            weight.copy_(HostTensors.floats(mine, count, dim));
        }
    }

    /** Sorted local indices: every positive class of the shard plus random others up to r * count. */
    long[] sample(long[] labels, long step) {
        boolean[] positive = new boolean[count];
        int npos = 0;
        for (long y : labels) {
            long local = y - start;
            if (local >= 0 && local < count && !positive[(int) local]) {
                positive[(int) local] = true;
                npos++;
            }
        }
        if (numSample >= count) {
            long[] all = new long[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return all;
        }
        long[] out = new long[Math.max(numSample, npos)];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (positive[i]) {
                out[k++] = i;
            }
        }
        int want = out.length - k;
        if (want > 0) {
            // Partial Fisher-Yates over the negatives, seeded by (seed, rank, step): resumable and reproducible.
            int[] pool = new int[count - npos];
            for (int i = 0, j = 0; i < count; i++) {
                if (!positive[i]) {
                    pool[j++] = i;
                }
            }
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + comm.rank() * 7_919L + step);
            for (int i = 0; i < want; i++) {
                int j = i + rnd.nextInt(pool.length - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
                out[k++] = pool[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Applies the optimizer to the centres that received gradients since the last update, then clears them. */
    public void applyUpdate(Optimizer opt, double lr, long step) {
        if (parts.isEmpty()) {
            return;
        }
        try (var ng = new NoGradGuard(); var scope = new org.bytedeco.javacpp.PointerScope()) {
            if (state.length != opt.stateCount()) {
                state = new Tensor[opt.stateCount()];
                for (int i = 0; i < state.length; i++) {
                    state[i] = torch.zeros(count, dim);
                    state[i].retainReference();
                }
            }
            long[] index = union();
            Tensor g = gradientRows(index);
            if (index.length == count) {
                opt.update(weight, g, state, lr, step);
            } else {
                Tensor idx = HostTensors.longs(index, index.length);
                Tensor w = weight.index_select(0, idx);
                Tensor[] st = new Tensor[state.length];
                for (int i = 0; i < st.length; i++) {
                    st[i] = state[i].index_select(0, idx);
                }
                opt.update(w, g, st, lr, step);
                weight.index_copy_(0, idx, w);
                for (int i = 0; i < st.length; i++) {
                    state[i].index_copy_(0, idx, st[i]);
                }
            }
        }
        discardGradients();
    }

    /** Drops the gradients accumulated since the last update (a skipped step). */
    public void discardGradients() {
        for (Part p : parts) {
            p.grad().releaseReference();
        }
        parts.clear();
    }

    private long[] union() {
        if (parts.size() == 1) {
            return parts.get(0).index();
        }
        java.util.BitSet bits = new java.util.BitSet(count);
        for (Part p : parts) {
            for (long i : p.index()) {
                bits.set((int) i);
            }
        }
        return bits.stream().asLongStream().toArray();
    }

    /** The summed gradient of the rows {@code index} (sorted), [index.length, dim]. */
    private Tensor gradientRows(long[] index) {
        if (parts.size() == 1) {
            return parts.get(0).grad();
        }
        Tensor g = torch.zeros(index.length, dim);
        for (Part p : parts) {
            long[] pos = new long[p.index().length];
            for (int i = 0; i < pos.length; i++) {
                pos[i] = Arrays.binarySearch(index, p.index()[i]);
            }
            g.index_add_(0, HostTensors.longs(pos, pos.length), p.grad());
        }
        return g;
    }

    /** The centre gradients accumulated since the last update, as a dense [count, dim] tensor (for tests). */
    public Tensor gradient() {
        Tensor dense = torch.zeros(count, dim);
        if (!parts.isEmpty()) {
            long[] index = union();
            dense.index_copy_(0, HostTensors.longs(index, index.length), gradientRows(index));
        }
        return dense;
    }

    /** This shard's centres, [count, dim]. */
    public Tensor weight() {
        return weight;
    }

    /** The optimizer state of this shard (empty before the first update). */
    public List<Tensor> optimizerState() {
        return List.of(state);
    }

    /** Replaces the optimizer state (checkpoint resume). */
    public void restoreState(List<float[]> values) {
        state = new Tensor[values.size()];
        for (int i = 0; i < state.length; i++) {
            state[i] = HostTensors.floats(values.get(i), count, dim);
            state[i].retainReference();
        }
    }

    public int shardStart() {
        return start;
    }

    public int shardSize() {
        return count;
    }

    public int numClasses() {
        return numClasses;
    }

    public int sampleSize() {
        return numSample;
    }

    public MarginLoss margin() {
        return margin;
    }

    @Override
    public void close() {
        weight.releaseReference();
        discardGradients();
        for (Tensor t : state) {
            t.releaseReference();
        }
    }
}
