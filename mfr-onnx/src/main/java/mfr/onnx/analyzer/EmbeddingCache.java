package mfr.onnx.analyzer;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;

/**
 * Embeddings of image files, keyed by the sha256 of the file's bytes, one append-only file per model and pipeline
 * variant ({@code <dir>/<model>.emb}): each image is embedded once per model and reused across runs and commands.
 * Records are [32-byte digest][int32 dimension][float32 x dimension], little-endian; a torn last record (a crash
 * while appending) is cut off when the file is opened. Thread-safe.
 */
public final class EmbeddingCache implements AutoCloseable {
    private final String modelId;
    private final Path file;
    private final Map<String, float[]> entries = new ConcurrentHashMap<>();
    private final FileChannel out;

    /**
     * @param dir     where cache files live
     * @param name    the cache's name: the model id plus anything else that changes the embedding (flip-test)
     * @param modelId the id the returned embeddings carry
     */
    public EmbeddingCache(Path dir, String name, String modelId) {
        this.modelId = modelId;
        this.file = dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".emb");
        try {
            Files.createDirectories(dir);
            long valid = load();
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            out.truncate(valid);
            out.position(valid);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot open embedding cache " + file + ": " + e.getMessage());
        }
    }

    /**
     * The cache for {@code analyzer}'s embedder under {@code home/cache/embeddings}; settings that change the
     * embedding (flip-test, channel-order overrides) get caches of their own.
     */
    public static EmbeddingCache forAnalyzer(FaceAnalyzer analyzer) {
        AnalyzerConfig c = analyzer.config();
        String id = analyzer.embedder().modelId();
        String name = id + (c.flipTest() ? "-flip" : "")
                + (c.detectorOrder() == null ? "" : "-det" + c.detectorOrder())
                + (c.embedderOrder() == null ? "" : "-emb" + c.embedderOrder());
        return new EmbeddingCache(c.home().root().resolve("cache").resolve("embeddings"), name, id);
    }

    private long load() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long valid = 0;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] digest = new byte[32];
            while (true) {
                try {
                    in.readFully(digest);
                    int dim = Integer.reverseBytes(in.readInt());
                    if (dim <= 0 || dim > 65536) {
                        break;
                    }
                    byte[] body = new byte[dim * 4];
                    in.readFully(body);
                    float[] v = new float[dim];
                    ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                    entries.put(HexFormat.of().formatHex(digest), v);
                    valid += 36 + body.length;
                } catch (EOFException e) {
                    break;
                }
            }
        }
        return valid;
    }

    public int size() {
        return entries.size();
    }

    public Path file() {
        return file;
    }

    /** The cached embedding of the file whose bytes hash to {@code sha256Hex}, or null. */
    public Embedding get(String sha256Hex) {
        float[] v = entries.get(sha256Hex);
        return v == null ? null : new Embedding(v, modelId);
    }

    public synchronized void put(String sha256Hex, Embedding e) {
        if (entries.putIfAbsent(sha256Hex, e.vector()) != null) {
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(36 + e.dimension() * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(HexFormat.of().parseHex(sha256Hex)).putInt(e.dimension());
        for (float f : e.vector()) {
            b.putFloat(f);
        }
        b.flip();
        try {
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException ex) {
            throw new MfrException(ErrorCode.IO, "cannot append to embedding cache " + file + ": " + ex.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.force(false);
            out.close();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot close embedding cache " + file + ": " + e.getMessage());
        }
    }
}
