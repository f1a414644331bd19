package mfr.train.onnx;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format: a cursor over a byte range that yields (field number, wire type) tags and values.
 * Only what ONNX needs: varints, 32/64-bit fixed values, length-delimited fields (strings, bytes, sub-messages,
 * packed repeated scalars).
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private final int end;
    private int tag;

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        tag = (int) varint();
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated varint at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint at byte " + pos);
    }

    float fixed32Float() {
        return Float.intBitsToFloat(fixed32());
    }

    int fixed32() {
        need(4);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /** The body of a length-delimited field as a reader of its own. */
    ProtoReader message() {
        int len = length();
        ProtoReader r = new ProtoReader(buf, pos, pos + len);
        pos += len;
        return r;
    }

    byte[] bytes() {
        int len = length();
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    String string() {
        int len = length();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Skips the value of the current field. */
    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LEN -> {
                int n = length();
                pos += n;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new IllegalArgumentException("unsupported wire type " + wireType() + " at byte " + pos);
        }
    }

    private int length() {
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw new IllegalArgumentException("field length " + len + " runs past the message end at byte " + pos);
        }
        return (int) len;
    }

    private void need(int n) {
        if (end - pos < n) {
            throw new IllegalArgumentException("truncated field at byte " + pos);
        }
    }
}
