package mfr.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.image.RgbImage;

/**
 * Feeds one worker: each epoch the dataset is shuffled with (seed, epoch), cut into global batches of
 * {@code batchSize * worldSize} (the tail is dropped), and this worker takes its {@code batchSize} slice of each.
 * Images are decoded and augmented on {@code threads} threads, one batch ahead; the augmentation of sample i in epoch
 * e draws from a generator seeded by (seed, e, i), so the same run gives the same batches whatever the thread count.
 * {@link #seek} positions the loader anywhere, which is how a resumed run continues exactly.
 */
public final class BatchLoader implements AutoCloseable {
    private final FaceDataset data;
    private final int batchSize;
    private final int rank;
    private final int world;
    private final long seed;
    private final Augment augment;
    private final Preprocess prep;
    private final MaskTwins twins;
    private final ExecutorService pool;
    private final ExecutorService decoders;
    private final int batchesPerEpoch;
    private int epoch;
    private int next;
    private int[] order;
    private Future<Batch> pending;

    public BatchLoader(FaceDataset data, int batchSize, int rank, int world, long seed, Augment augment,
                       Preprocess prep, int threads) {
        this(data, batchSize, rank, world, seed, augment, prep, threads, null);
    }

    /** With {@code twins} (may be null): a sample is replaced by a masked twin with the twins' probability. */
    public BatchLoader(FaceDataset data, int batchSize, int rank, int world, long seed, Augment augment,
                       Preprocess prep, int threads, MaskTwins twins) {
        this.data = data;
        this.twins = twins;
        this.batchSize = batchSize;
        this.rank = rank;
        this.world = world;
        this.seed = seed;
        this.augment = augment;
        this.prep = prep;
        this.batchesPerEpoch = data.size() / (batchSize * world);
        if (batchesPerEpoch == 0) {
            throw new MfrException(ErrorCode.USAGE, "the dataset has " + data.size() + " images, fewer than one global"
                    + " batch of " + batchSize * world + ": lower the batch size");
        }
        this.pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mfr-loader");
            t.setDaemon(true);
            return t;
        });
        this.decoders = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "mfr-decode");
            t.setDaemon(true);
            return t;
        });
        seek(0, 0);
    }

    /** The masked twins in use, or null. */
    public MaskTwins twins() {
        return twins;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Positions the loader at batch {@code index} of {@code epoch}. */
    public void seek(int epoch, int index) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        this.epoch = epoch;
        this.next = index;
        this.order = permutation(epoch);
    }

    /** The permutation of epoch {@code e}: Fisher-Yates with a generator seeded by (seed, e). */
    int[] permutation(int e) {
        int[] p = new int[data.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + e);
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The next batch (rolling over into the next epoch). */
    public Batch next() {
        Future<Batch> f = pending != null ? pending : submit(epoch, next);
        advance();
        pending = submit(epoch, next);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while loading a batch");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof MfrException m) {
                throw m;
            }
            throw new MfrException(ErrorCode.IO, "cannot load a training batch: " + c, c);
        }
    }

    private void advance() {
        next++;
        if (next >= batchesPerEpoch) {
            epoch++;
            next = 0;
            order = permutation(epoch);
        }
    }

    private Future<Batch> submit(int e, int index) {
        int[] ord = order;
        return pool.submit(() -> load(ord, e, index));
    }

    private Batch load(int[] ord, int e, int index) throws Exception {
        int from = (index * world + rank) * batchSize;
        int per = 3 * 112 * 112;
        float[] pixels = new float[batchSize * per];
        long[] labels = new long[batchSize];
        int[] samples = new int[batchSize];
        boolean[] masked = new boolean[batchSize];
        List<Future<?>> parts = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            int slot = i;
            int sample = ord[from + i];
            labels[i] = data.label(sample);
            samples[i] = sample;
            parts.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                SplittableRandom r = new SplittableRandom((seed * 31 + e) * 1_000_003L + sample);
                RgbImage img = twins == null ? null : twins.draw(sample, r);
                masked[slot] = img != null;
                if (img == null) {
                    img = data.image(sample);
                }
                if (img.width() != 112 || img.height() != 112) {
                    throw new MfrException(ErrorCode.USAGE, data.describe() + ": image " + sample + " is "
                            + img.width() + "x" + img.height() + ", training needs 112x112 aligned crops"
                            + " (set data.align=true to align them once)");
                }
                prep.write(augment.apply(img, r), pixels, slot * per);
            }, decoders));
        }
        for (Future<?> p : parts) {
            p.get();
        }
        return new Batch(pixels, labels, samples, masked, batchSize, 112, 112, e, index);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        decoders.shutdownNow();
    }
}
