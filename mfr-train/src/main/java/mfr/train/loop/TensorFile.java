package mfr.train.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import mfr.train.engine.HostTensors;
import org.bytedeco.pytorch.Tensor;

/**
 * Named float32 tensors in one file: magic "MFRT", version 1, count, then per tensor its UTF-8 name, rank, dims and
 * little-endian values. Values are written exactly, so a resumed run continues bit for bit.
 */
public final class TensorFile {
    private static final int MAGIC = 0x4d465254;

    private TensorFile() {
    }

    /** A tensor read back: its shape and values. */
    public record Entry(long[] shape, float[] values) {
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(MAGIC).putInt(1).putInt(tensors.size()).flip();
            writeAll(ch, head);
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                long[] shape = e.getValue().shape();
                ByteBuffer h = ByteBuffer.allocate(8 + name.length + 8 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(name.length).put(name).putInt(shape.length);
                for (long d : shape) {
                    h.putLong(d);
                }
                h.flip();
                writeAll(ch, h);
                float[] v = HostTensors.toFloats(e.getValue().detach());
                int chunk = 1 << 20;
                for (int from = 0; from < v.length; from += chunk) {
                    int n = Math.min(chunk, v.length - from);
                    ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(v, from, n);
                    writeAll(ch, b);
                }
            }
            ch.force(true);
        }
    }

    public static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = readAll(ch, 12);
            if (head.getInt() != MAGIC || head.getInt() != 1) {
                throw new IOException(file + " is not an mfr tensor file");
            }
            int count = head.getInt();
            for (int i = 0; i < count; i++) {
                int nameLen = readAll(ch, 4).getInt();
                String name = new String(readAll(ch, nameLen).array(), StandardCharsets.UTF_8);
                int rank = readAll(ch, 4).getInt();
                ByteBuffer dims = readAll(ch, 8 * rank);
                long[] shape = new long[rank];
                long n = 1;
                for (int k = 0; k < rank; k++) {
                    shape[k] = dims.getLong();
                    n *= shape[k];
                }
                float[] v = new float[Math.toIntExact(n)];
                int chunk = 1 << 20;
                for (int from = 0; from < v.length; from += chunk) {
                    int m = Math.min(chunk, v.length - from);
                    readAll(ch, m * 4).asFloatBuffer().get(v, from, m);
                }
                out.put(name, new Entry(shape, v));
            }
        }
        return out;
    }

    private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static ByteBuffer readAll(FileChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("truncated tensor file");
            }
        }
        b.flip();
        return b;
    }
}
