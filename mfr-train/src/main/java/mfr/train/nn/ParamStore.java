package mfr.train.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;

/**
 * The named tensors of a network, in insertion order: trainable parameters (requires_grad) and state that is not
 * trained (batch-norm running statistics, frozen weights). Owns its tensors: {@link #close()} releases them.
 */
public final class ParamStore implements AutoCloseable {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Set<String> trainable = new LinkedHashSet<>();

    /** Adds a tensor; a trainable one gets requires_grad. */
    public Tensor add(String name, Tensor t, boolean train) {
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("duplicate tensor name " + name);
        }
        t.retainReference();
        if (train) {
            t.set_requires_grad(true);
            trainable.add(name);
        }
        tensors.put(name, t);
        return t;
    }

    /**
     * Freezes the first {@code fraction} of the trainable tensors in insertion (input-to-output) order: they stop
     * requiring gradients and leave {@link #trainableNames()}. Returns the names frozen.
     */
    public List<String> freezeLeading(double fraction) {
        List<String> names = List.copyOf(trainable);
        int n = (int) Math.floor(fraction * names.size());
        List<String> frozen = names.subList(0, n);
        for (String name : frozen) {
            tensors.get(name).set_requires_grad(false);
            trainable.remove(name);
        }
        return frozen;
    }

    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named " + name);
        }
        return t;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    public boolean isTrainable(String name) {
        return trainable.contains(name);
    }

    /** Trainable names in order. */
    public List<String> trainableNames() {
        return List.copyOf(trainable);
    }

    /** Every name (trainable and state) in order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public List<Tensor> trainableTensors() {
        List<Tensor> out = new ArrayList<>();
        trainable.forEach(n -> out.add(tensors.get(n)));
        return out;
    }

    public Map<String, Tensor> all() {
        return Collections.unmodifiableMap(tensors);
    }

    public long trainableCount() {
        long n = 0;
        for (String s : trainable) {
            n += tensors.get(s).numel();
        }
        return n;
    }

    @Override
    public void close() {
        for (Tensor t : tensors.values()) {
            t.releaseReference();
        }
        tensors.clear();
        trainable.clear();
    }
}
