package mfr.eval.cache;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Embeddings of image files, each image embedded once per model and reused across runs. Entries are keyed by the
 * SHA-256 of the file's bytes (so renamed or copied files hit, edited files miss) and live in one append-only file
 * per model key ({@code <dir>/<key>.emb}); images where the model found no face are remembered too. Appends take a
 * file lock, so several processes may share the cache. A torn last record (a crash mid-write) is ignored on load.
 *
 * <p>A file that does not exist is reported as a failure of that image (and not cached); unreadable storage, model
 * and internal errors stop the run.
 *
 * <p>Record: 32-byte digest, int status (0 embedding, 1 failure), then int dimension and that many floats, or int
 * length and that many UTF-8 bytes of the failure message.
 */
public final class EmbeddingCache {
    /** Computes the embedding of one image; throws {@link MfrException} when the image has no usable face. */
    @FunctionalInterface
    public interface Extractor {
        float[] extract(Path image);
    }

    /** An embedding, or why there is none. */
    public record Entry(float[] vector, String failure) {
        public boolean ok() {
            return vector != null;
        }
    }

    /** Per-file outcomes, and how many came from the cache. */
    public record Lookup(Map<Path, Entry> entries, int hits, int computed) {
        public Map<Path, float[]> vectors() {
            Map<Path, float[]> m = new java.util.HashMap<>();
            entries.forEach((p, e) -> {
                if (e.ok()) {
                    m.put(p, e.vector());
                }
            });
            return m;
        }

        public Map<Path, String> failures() {
            Map<Path, String> m = new java.util.TreeMap<>();
            entries.forEach((p, e) -> {
                if (!e.ok()) {
                    m.put(p, e.failure());
                }
            });
            return m;
        }
    }

    private final Path file;
    private final String key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private EmbeddingCache(Path file, String key) {
        this.file = file;
        this.key = key;
    }

    /** Opens (or starts) the cache of {@code modelKey} under {@code dir}; a null dir keeps nothing on disk. */
    public static EmbeddingCache open(Path dir, String modelKey) {
        Path f = dir == null ? null : dir.resolve(modelKey.replaceAll("[^A-Za-z0-9._+-]", "_") + ".emb");
        EmbeddingCache c = new EmbeddingCache(f, modelKey);
        if (f != null) {
            c.load();
        }
        return c;
    }

    public String key() {
        return key;
    }

    public Path file() {
        return file;
    }

    public int size() {
        return entries.size();
    }

    /**
     * Entries for every file: from the cache, or extracted on {@code threads} threads and appended. {@code progress}
     * receives the number of files done.
     */
    public Lookup get(Collection<Path> files, Extractor extractor, int threads, IntConsumer progress) {
        List<Path> unique = new ArrayList<>(new LinkedHashSet<>(files));
        Map<Path, Entry> out = new ConcurrentHashMap<>();
        AtomicInteger hits = new AtomicInteger();
        AtomicInteger computed = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path p : unique) {
                futures.add(pool.submit(() -> {
                    String digest;
                    try {
                        digest = digest(p);
                    } catch (MfrException missing) {
                        if (missing.code() != ErrorCode.NOT_FOUND) {
                            throw missing;
                        }
                        // A file the protocol names but the data lacks: a failure of that image, not of the run.
                        out.put(p, new Entry(null, missing.getMessage()));
                        progress.accept(done.incrementAndGet());
                        return null;
                    }
                    Entry e = entries.get(digest);
                    if (e != null) {
                        hits.incrementAndGet();
                    } else {
                        try {
                            e = new Entry(extractor.extract(p), null);
                        } catch (MfrException ex) {
                            if (ex.code() == ErrorCode.IO || ex.code() == ErrorCode.MODEL
                                    || ex.code() == ErrorCode.INTERNAL) {
                                throw ex;
                            }
                            e = new Entry(null, ex.getMessage());
                        }
                        put(digest, e);
                        computed.incrementAndGet();
                    }
                    out.put(p, e);
                    progress.accept(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MfrException(ErrorCode.INTERNAL, "interrupted while embedding");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            // Wait for the workers: the caller may close the native model sessions they are still running.
            pool.shutdownNow();
            try {
                if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new MfrException(ErrorCode.INTERNAL, "embedding workers did not stop");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        return new Lookup(out, hits.get(), computed.get());
    }

    static String digest(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new MfrException(ErrorCode.NOT_FOUND, p + ": no such file");
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, p + ": cannot read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String digest, Entry e) {
        entries.put(digest, e);
        if (file == null) {
            return;
        }
        byte[] msg = e.ok() ? null : e.failure().getBytes(StandardCharsets.UTF_8);
        int len = 32 + 4 + 4 + (e.ok() ? 4 * e.vector().length : msg.length);
        ByteBuffer b = ByteBuffer.allocate(len);
        b.put(HexFormat.of().parseHex(digest));
        b.putInt(e.ok() ? 0 : 1);
        if (e.ok()) {
            b.putInt(e.vector().length);
            for (float f : e.vector()) {
                b.putFloat(f);
            }
        } else {
            b.putInt(msg.length);
            b.put(msg);
        }
        b.flip();
        synchronized (this) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
            } catch (IOException ex) {
                throw new MfrException(ErrorCode.IO, "cannot write the embedding cache " + file + ": "
                        + ex.getMessage() + " (pass --no-cache to run without it)");
            }
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            byte[] d = new byte[32];
            while (true) {
                try {
                    in.readFully(d);
                    int status = in.readInt();
                    int n = in.readInt();
                    if (n < 0 || n > 1 << 16) {
                        break;
                    }
                    Entry e;
                    if (status == 0) {
                        float[] v = new float[n];
                        for (int i = 0; i < n; i++) {
                            v[i] = in.readFloat();
                        }
                        e = new Entry(v, null);
                    } else {
                        byte[] m = new byte[n];
                        in.readFully(m);
                        e = new Entry(null, new String(m, StandardCharsets.UTF_8));
                    }
                    entries.put(HexFormat.of().formatHex(d), e);
                } catch (EOFException eof) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read the embedding cache " + file + ": " + e.getMessage()
                    + " (delete it to start over)");
        }
    }
}
