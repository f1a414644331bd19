package mfr.train.loop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.train.dist.Collective;
import mfr.train.engine.HostTensors;
import mfr.train.nn.ParamStore;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Dense optimizer state for the backbone's trainable parameters, and the per-step gradient pipeline: flatten,
 * all-reduce across workers (data parallel), unscale, check for inf/NaN, clip the global norm, update.
 */
public final class BackboneOptimizer implements AutoCloseable {
    private final ParamStore params;
    private final Optimizer rule;
    private final Map<String, Tensor[]> state = new LinkedHashMap<>();

    public BackboneOptimizer(ParamStore params, Optimizer rule) {
        this.params = params;
        this.rule = rule;
    }

    /** What the gradient pass found: the gradient norm after unscaling (before clipping), finite or not. */
    public record GradInfo(double norm, boolean finite) {
    }

    /**
     * Sums gradients over workers, multiplies them by {@code 1/scale}, and clips their global norm to
     * {@code clipNorm} (0: no clipping). Gradients stay in the parameters' {@code grad}.
     */
    public GradInfo reduceAndClip(Collective comm, double scale, double clipNorm) {
        List<String> names = params.trainableNames();
        try (var ng = new NoGradGuard()) {
            TensorVector parts = new TensorVector();
            for (String n : names) {
                Tensor p = params.get(n);
                Tensor g = p.grad();
                parts.push_back(g.defined() ? g.reshape(-1) : torch.zeros(p.numel()));
            }
            Tensor flat = torch.cat(parts).contiguous();
            comm.allReduceSum(flat);
            if (scale != 1) {
                flat.mul_(new Scalar(1 / scale));
            }
            double sum = flat.to(ScalarType.Double).sum().item().toDouble();
            double norm = flat.norm().item().toDouble();
            boolean finite = Double.isFinite(sum) && Double.isFinite(norm);
            if (finite && clipNorm > 0 && norm > clipNorm) {
                flat.mul_(new Scalar(clipNorm / (norm + 1e-6)));
            }
            long off = 0;
            for (String n : names) {
                Tensor p = params.get(n);
                long k = p.numel();
                Tensor g = p.grad();
                Tensor src = flat.narrow(0, off, k).view(p.shape());
                if (g.defined()) {
                    g.copy_(src);
                } else {
                    p.mutable_grad().put(src.clone());
                }
                off += k;
            }
            return new GradInfo(norm, finite);
        }
    }

    /** Applies the rule to every trainable parameter with the gradient it holds. */
    public void update(double lr, long step) {
        try (var ng = new NoGradGuard()) {
            for (String n : params.trainableNames()) {
                Tensor p = params.get(n);
                Tensor[] st = state.computeIfAbsent(n, k -> newState(p));
                rule.update(p, p.grad(), st, lr, step);
            }
        }
    }

    private Tensor[] newState(Tensor p) {
        Tensor[] st = new Tensor[rule.stateCount()];
        for (int i = 0; i < st.length; i++) {
            st[i] = torch.zeros(p.shape());
            st[i].retainReference();
        }
        return st;
    }

    public void zeroGrad() {
        try (var ng = new NoGradGuard()) {
            for (Tensor p : params.trainableTensors()) {
                Tensor g = p.grad();
                if (g.defined()) {
                    g.zero_();
                }
            }
        }
    }

    /** The state tensors by "param#i" name (for checkpoints). */
    public Map<String, Tensor> stateTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor[]> e : state.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                out.put(e.getKey() + "#" + i, e.getValue()[i]);
            }
        }
        return out;
    }

    public void restore(Map<String, TensorFile.Entry> saved) {
        for (String n : params.trainableNames()) {
            Tensor[] st = new Tensor[rule.stateCount()];
            boolean any = false;
            for (int i = 0; i < st.length; i++) {
                TensorFile.Entry e = saved.get(n + "#" + i);
                if (e != null) {
                    st[i] = HostTensors.floats(e.values(), e.shape());
                    st[i].retainReference();
                    any = true;
                }
            }
            if (any) {
                state.put(n, st);
            }
        }
    }

    public Optimizer rule() {
        return rule;
    }

    @Override
    public void close() {
        for (Tensor[] st : state.values()) {
            for (Tensor t : st) {
                if (t != null) {
                    t.releaseReference();
                }
            }
        }
        state.clear();
    }
}
