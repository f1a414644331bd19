package mfr.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.image.ImageLoader;
import mfr.core.image.RgbImage;

/**
 * An insightface RecordIO pack (MS1MV3, Glint360K, WebFace42M packs): {@code train.idx} maps record keys to byte
 * offsets in {@code train.rec}; records are read directly (positional reads, thread-safe), no MXNet. When record 0 is
 * insightface's header record (flag &gt; 0, labels [first identity record, end]), the images are records
 * 1 .. labels[0]-1; otherwise every record of the index is an image. Labels are the IRHeader labels.
 */
public final class RecordIoDataset implements FaceDataset {
    private final Path rec;
    private final FileChannel channel;
    private final long[] offsets;
    private final int[] labels;
    private final int classes;
    private final ImageLoader loader = new ImageLoader();

    private RecordIoDataset(Path rec, FileChannel channel, long[] offsets, int[] labels) {
        this.rec = rec;
        this.channel = channel;
        this.offsets = offsets;
        this.labels = labels;
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        this.classes = max + 1;
    }

    /** Opens {@code dir/train.rec} with {@code dir/train.idx}, or a .rec file with the .idx beside it. */
    public static RecordIoDataset open(Path path) {
        Path rec = Files.isDirectory(path) ? path.resolve("train.rec") : path;
        Path idx = rec.resolveSibling(rec.getFileName().toString().replaceFirst("\\.rec$", "") + ".idx");
        if (!Files.isRegularFile(rec) || !Files.isRegularFile(idx)) {
            throw new MfrException(ErrorCode.NOT_FOUND, path + ": a RecordIO pack needs " + rec.getFileName() + " and "
                    + idx.getFileName());
        }
        Map<Long, Long> index = new HashMap<>();
        List<Long> keys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(idx)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) {
                    long k = Long.parseLong(f[0]);
                    index.put(k, Long.parseLong(f[1]));
                    keys.add(k);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new MfrException(ErrorCode.IO, idx + ": not a RecordIO index (lines 'key<TAB>offset'): " + e.getMessage());
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(rec, StandardOpenOption.READ);
            List<Long> images = keys;
            if (index.containsKey(0L)) {
                RecordIo.Header h0 = RecordIo.header(read(ch, index.get(0L), rec));
                if (h0.flag() > 0) {
                    images = new ArrayList<>();
                    for (long k = 1; k < (long) h0.labels()[0]; k++) {
                        images.add(k);
                    }
                }
            }
            long[] offsets = new long[images.size()];
            int[] labels = new int[images.size()];
            for (int i = 0; i < offsets.length; i++) {
                Long off = index.get(images.get(i));
                if (off == null) {
                    throw new MfrException(ErrorCode.IO, idx + ": no offset for image record " + images.get(i));
                }
                offsets[i] = off;
                RecordIo.Header h = RecordIo.header(read(ch, off, rec));
                labels[i] = (int) (h.flag() > 0 ? h.labels()[0] : h.label());
            }
            if (offsets.length == 0) {
                throw new MfrException(ErrorCode.NOT_FOUND, rec + ": the pack holds no image records");
            }
            return new RecordIoDataset(rec, ch, offsets, labels);
        } catch (IOException | IllegalArgumentException e) {
            close(ch);
            throw new MfrException(ErrorCode.IO, rec + ": unreadable RecordIO pack: " + e.getMessage());
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Reads the payload of the record at {@code offset}. */
    static byte[] read(FileChannel ch, long offset, Path rec) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, offset);
        head.flip();
        int magic = head.getInt();
        int lrecord = head.getInt();
        if (magic != RecordIo.MAGIC) {
            throw new IOException("bad magic " + Integer.toHexString(magic) + " at offset " + offset + " of " + rec);
        }
        int cflag = lrecord >>> 29;
        int length = lrecord & ((1 << 29) - 1);
        if (cflag != 0) {
            throw new IOException("record at offset " + offset + " is split (continuation flag " + cflag
                    + "); multi-part records are not supported");
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(ch, body, offset + 8);
        return body.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + p);
            }
            p += n;
        }
    }

    @Override
    public int size() {
        return offsets.length;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public RgbImage image(int index) {
        try {
            byte[] payload = read(channel, offsets[index], rec);
            RecordIo.Header h = RecordIo.header(payload);
            byte[] img = java.util.Arrays.copyOfRange(payload, h.imageOffset(), payload.length);
            return loader.decode(img, rec + "#" + index).image();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "RecordIO " + rec + " (" + classes + " identities, " + size() + " images)";
    }

    @Override
    public void close() {
        close(channel);
    }
}
