package mfr.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.imageio.ImageIO;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.onnx.analyzer.FaceAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aligns an identity-folder dataset of unaligned photos (such as celeba-subset's 160x160 crops) once with the
 * pipeline (detect, 68 landmarks, ArcFace 5-point alignment) and keeps the 112x112 crops as PNG in a cache folder
 * with the same layout. A marker file records a finished pass, so later runs reuse the cache; images where no face
 * is found are left out and counted.
 */
public final class AlignedCache {
    private static final Logger LOG = LoggerFactory.getLogger(AlignedCache.class);
    static final String MARKER = ".aligned-complete";

    private AlignedCache() {
    }

    /** The result of a pass: where the crops are, how many were written and how many had no face. */
    public record Result(Path dir, int aligned, int noFace, boolean reused) {
    }

    /** Whether {@code cacheDir} holds a finished cache made by this version of the pipeline. */
    public static boolean isComplete(Path cacheDir) {
        Path marker = cacheDir.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readAllLines(marker).contains(PIPELINE);
        } catch (IOException e) {
            return false;
        }
    }

    /** The marker line that ties crops to the pipeline that made them (detection, landmarks, alignment). */
    private static final String PIPELINE = "pipeline=" + FaceAnalyzer.PIPELINE_VERSION;

    /**
     * Aligns {@code source} into {@code cacheDir} unless a finished cache is there.
     *
     * @param progress called with the number of images processed so far
     */
    public static Result build(IdentityFolderDataset source, Path cacheDir, FaceAnalyzer fa, int threads,
                               IntConsumer progress) {
        if (isComplete(cacheDir)) {
            return new Result(cacheDir, -1, -1, true);
        }
        // Crops left by another pipeline version (or an interrupted run of another version) are made again.
        boolean stale = Files.isRegularFile(cacheDir.resolve(MARKER));
        if (stale) {
            LOG.info("{} was made by another pipeline version; aligning again", cacheDir);
            try {
                Files.delete(cacheDir.resolve(MARKER));
            } catch (IOException e) {
                throw new MfrException(ErrorCode.IO, "cannot reset " + cacheDir + ": " + e.getMessage());
            }
        }
        LOG.info("aligning {} once through the pipeline into {} (reused by later runs)", source.describe(), cacheDir);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger noFace = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                int index = i;
                jobs.add(pool.submit(() -> {
                    Path src = source.file(index);
                    Path dst = cacheDir.resolve(source.identities().get(source.label(index)))
                            .resolve(src.getFileName().toString().replaceFirst("\\.[^.]+$", "") + ".png");
                    if (stale || !Files.isRegularFile(dst)) {
                        try {
                            Face f = fa.mainFace(fa.load(src));
                            Files.createDirectories(dst.getParent());
                            Path tmp = dst.resolveSibling(dst.getFileName() + ".tmp");
                            ImageIO.write(f.aligned().toBufferedImage(), "png", tmp.toFile());
                            Files.move(tmp, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            written.incrementAndGet();
                        } catch (MfrException e) {
                            if (e.code() != ErrorCode.NO_FACE && e.code() != ErrorCode.IMAGE_UNREADABLE) {
                                throw e;
                            }
                            noFace.incrementAndGet();
                            if (stale) {
                                Files.deleteIfExists(dst);
                            }
                        }
                    }
                    progress.accept(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
            Files.writeString(cacheDir.resolve(MARKER), PIPELINE + "\nsource=" + source.describe() + "\naligned=" + written.get()
                    + "\nnoFace=" + noFace.get() + "\n");
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write the aligned cache " + cacheDir + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while aligning " + source.describe());
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof MfrException m) {
                throw m;
            }
            throw new MfrException(ErrorCode.INTERNAL, "aligning failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        LOG.info("aligned {} images of {} into {} ({} without a face)", written.get(), source.describe(), cacheDir,
                noFace.get());
        return new Result(cacheDir, written.get(), noFace.get(), false);
    }
}
