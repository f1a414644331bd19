package mfr.store.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Exact search: every vector in contiguous blocks of floats, scored with {@link DotProduct#best()}. Removal moves
 * the last vector into the hole, so the blocks stay dense.
 */
public final class FlatIndex implements VectorIndex {
    private static final int BLOCK = 8192;

    private final int dim;
    private final DotProduct dot;
    private final List<float[]> blocks = new ArrayList<>();
    private long[] ids = new long[BLOCK];
    private final Map<Long, Integer> position = new HashMap<>();
    private int size;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public FlatIndex(int dim) {
        this(dim, DotProduct.best());
    }

    public FlatIndex(int dim, DotProduct dot) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        this.dim = dim;
        this.dot = dot;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    public DotProduct dotProduct() {
        return dot;
    }

    @Override
    public void add(long id, float[] unit) {
        check(unit);
        lock.writeLock().lock();
        try {
            if (position.containsKey(id)) {
                throw new IllegalArgumentException("id " + id + " is already indexed");
            }
            if (size == blocks.size() * BLOCK) {
                blocks.add(new float[BLOCK * dim]);
            }
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, ids.length * 2);
            }
            System.arraycopy(unit, 0, blocks.get(size / BLOCK), (size % BLOCK) * dim, dim);
            ids[size] = id;
            position.put(id, size);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            Integer at = position.remove(id);
            if (at == null) {
                return false;
            }
            int last = size - 1;
            if (at != last) {
                System.arraycopy(blocks.get(last / BLOCK), (last % BLOCK) * dim, blocks.get(at / BLOCK),
                        (at % BLOCK) * dim, dim);
                ids[at] = ids[last];
                position.put(ids[at], at);
            }
            size--;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The stored vector of {@code id}, copied, or null. */
    public float[] vector(long id) {
        lock.readLock().lock();
        try {
            Integer at = position.get(id);
            if (at == null) {
                return null;
            }
            float[] out = new float[dim];
            System.arraycopy(blocks.get(at / BLOCK), (at % BLOCK) * dim, out, 0, dim);
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Hit> search(float[] probe, int k) {
        check(probe);
        lock.readLock().lock();
        try {
            TopK top = new TopK(k);
            for (int i = 0; i < size; i++) {
                float s = dot.dot(probe, blocks.get(i / BLOCK), (i % BLOCK) * dim, dim);
                if (s > top.floor()) {
                    top.offer(ids[i], s);
                }
            }
            return top.best();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void check(float[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException("vector of dimension " + v.length + ", index of " + dim);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            blocks.clear();
            position.clear();
            size = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
