package mfr.data.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import mfr.data.index.CoarseQuantizer;

/** The single-machine engine: a fork-join pool over identities and over coarse cells. */
public final class LocalEngine implements CleaningEngine {
    private final ForkJoinPool pool;

    public LocalEngine(int threads) {
        this.pool = new ForkJoinPool(Math.max(1, threads));
    }

    @Override
    public String name() {
        return "local[" + pool.getParallelism() + "]";
    }

    @Override
    public List<SampleStatus[]> cleanIdentities(List<float[][]> identities, CleanConfig config) {
        SampleStatus[][] out = new SampleStatus[identities.size()][];
        run(() -> IntStream.range(0, identities.size()).parallel()
                .forEach(i -> out[i] = IdentityCleaner.clean(identities.get(i), config)));
        return Arrays.asList(out);
    }

    @Override
    public long[] candidatePairs(float[][] centres, CoarseQuantizer quantizer, int nprobe, double threshold) {
        int[][] cellsOf = new int[centres.length][];
        run(() -> IntStream.range(0, centres.length).parallel()
                .forEach(i -> cellsOf[i] = quantizer.assign(centres[i], nprobe)));
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < quantizer.size(); c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < centres.length; i++) {
            for (int c : cellsOf[i]) {
                members.get(c).add(i);
            }
        }
        long[][] perCell = new long[members.size()][];
        run(() -> IntStream.range(0, members.size()).parallel().forEach(c -> perCell[c] =
                CleaningEngine.pairsInCell(members.get(c).stream().mapToInt(Integer::intValue).toArray(), centres,
                        threshold)));
        return Arrays.stream(perCell).flatMapToLong(Arrays::stream).sorted().distinct().toArray();
    }

    private void run(Runnable r) {
        try {
            pool.submit(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
