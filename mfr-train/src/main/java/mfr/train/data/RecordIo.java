package mfr.train.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The binary layout of MXNet RecordIO packs as insightface writes them ({@code train.rec} + {@code train.idx}):
 * each record is {@code uint32 magic 0xced7230a}, {@code uint32 lrecord} (upper 3 bits: continuation flag, lower 29:
 * length), the payload, and zero padding to a multiple of 4 bytes. The payload starts with an IRHeader
 * ({@code uint32 flag, float32 label, uint64 id, uint64 id2}); when flag &gt; 0, flag float32 labels follow and the
 * scalar label is unused. The rest is the encoded image. Little-endian throughout.
 */
public final class RecordIo {
    public static final int MAGIC = 0xced7230a;
    public static final int HEADER_BYTES = 24;

    private RecordIo() {
    }

    /** An IRHeader and where the image bytes start in the payload. */
    public record Header(int flag, float label, long id, long id2, float[] labels, int imageOffset) {
    }

    public static Header header(byte[] payload) {
        if (payload.length < HEADER_BYTES) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes has no IRHeader");
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int flag = b.getInt();
        float label = b.getFloat();
        long id = b.getLong();
        long id2 = b.getLong();
        float[] labels = new float[Math.max(0, flag)];
        if (HEADER_BYTES + 4L * labels.length > payload.length) {
            throw new IllegalArgumentException("IRHeader announces " + flag + " labels past the record end");
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = b.getFloat();
        }
        return new Header(flag, label, id, id2, labels, HEADER_BYTES + 4 * labels.length);
    }

    /** A payload: IRHeader (with optional label array) followed by the image bytes. */
    public static byte[] payload(int flag, float label, long id, long id2, float[] labels, byte[] image) {
        int n = flag > 0 ? labels.length : 0;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * n + image.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(flag).putFloat(label).putLong(id).putLong(id2);
        for (int i = 0; i < n; i++) {
            b.putFloat(labels[i]);
        }
        b.put(image);
        return b.array();
    }

    /** The framed record: magic, lrecord, payload, padding. */
    public static byte[] frame(byte[] payload) {
        int padded = (payload.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(payload.length & ((1 << 29) - 1));
        b.put(payload);
        return b.array();
    }
}
