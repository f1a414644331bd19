package mfr.train.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an insightface-style pack: header record 0 (flag 2, labels [first identity record, end]), one record per
 * image (label in the IRHeader), then one record per identity (labels [first image, end]), and the .idx file.
 * Images must be added grouped by label in ascending order.
 */
public final class RecordIoWriter implements AutoCloseable {
    private final OutputStream rec;
    private final BufferedWriter idx;
    private final List<byte[]> images = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();

    public RecordIoWriter(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.rec = Files.newOutputStream(dir.resolve("train.rec"));
        this.idx = Files.newBufferedWriter(dir.resolve("train.idx"));
    }

    /** Queues one encoded image (JPEG or PNG bytes) of identity {@code label}. */
    public void add(int label, byte[] encoded) {
        if (!labels.isEmpty() && label < labels.get(labels.size() - 1)) {
            throw new IllegalArgumentException("add images grouped by ascending label");
        }
        images.add(encoded);
        labels.add(label);
    }

    @Override
    public void close() throws IOException {
        long offset = 0;
        int n = images.size();
        int firstIdentityRecord = n + 1;
        int identities = labels.isEmpty() ? 0 : labels.get(n - 1) + 1;
        offset = write(0, RecordIo.payload(2, 0, 0, 0, new float[] {firstIdentityRecord, firstIdentityRecord + identities},
                new byte[0]), offset);
        int[] first = new int[identities];
        int[] end = new int[identities];
        for (int i = 0; i < n; i++) {
            int l = labels.get(i);
            if (end[l] == 0) {
                first[l] = i + 1;
            }
            end[l] = i + 2;
            offset = write(i + 1, RecordIo.payload(0, l, i + 1, 0, new float[0], images.get(i)), offset);
        }
        for (int l = 0; l < identities; l++) {
            offset = write(firstIdentityRecord + l, RecordIo.payload(2, 0, 0, 0, new float[] {first[l], end[l]},
                    new byte[0]), offset);
        }
        rec.close();
        idx.close();
    }

    private long write(long key, byte[] payload, long offset) throws IOException {
        byte[] framed = RecordIo.frame(payload);
        rec.write(framed);
        idx.write(key + "\t" + offset + "\n");
        return offset + framed.length;
    }
}
