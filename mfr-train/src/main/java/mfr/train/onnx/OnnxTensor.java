package mfr.train.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An ONNX initializer or constant: FLOAT tensors keep their values in {@code floats}, INT64/INT32 ones in
 * {@code longs}.
 */
public record OnnxTensor(String name, long[] dims, int dataType, float[] floats, long[] longs) {
    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;

    public static OnnxTensor ofFloats(String name, long[] dims, float[] data) {
        return new OnnxTensor(name, dims, FLOAT, data, null);
    }

    public static OnnxTensor ofLongs(String name, long[] dims, long[] data) {
        return new OnnxTensor(name, dims, INT64, null, data);
    }

    public long numel() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Parses a TensorProto (fields: dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9). */
    static OnnxTensor read(ProtoReader r) {
        String name = "";
        long[] dims = new long[0];
        int type = 0;
        float[] fd = new float[0];
        long[] ld = new long[0];
        byte[] raw = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> dims = r.wireType() == ProtoReader.LEN ? packedVarints(r.message()) : append(dims, r.varint());
                case 2 -> type = (int) r.varint();
                case 4 -> fd = r.wireType() == ProtoReader.LEN ? packedFloats(r.message()) : appendF(fd, r.fixed32Float());
                case 5, 7 -> ld = r.wireType() == ProtoReader.LEN ? packedVarints(r.message()) : append(ld, r.varint());
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 13 -> throw new IllegalArgumentException("tensor " + name + " keeps its data in an external file:"
                        + " save the model with its weights inside");
                default -> r.skip();
            }
        }
        switch (type) {
            case FLOAT -> {
                if (raw != null) {
                    fd = new float[raw.length / 4];
                    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(fd);
                }
                return new OnnxTensor(name, dims, FLOAT, fd, null);
            }
            case INT64, INT32 -> {
                if (raw != null) {
                    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                    int width = type == INT64 ? 8 : 4;
                    ld = new long[raw.length / width];
                    for (int i = 0; i < ld.length; i++) {
                        ld[i] = type == INT64 ? b.getLong() : b.getInt();
                    }
                }
                return new OnnxTensor(name, dims, INT64, null, ld);
            }
            default -> throw new IllegalArgumentException("tensor " + name + " has ONNX data type " + type
                    + "; only FLOAT, INT32 and INT64 tensors are supported");
        }
    }

    ProtoWriter write() {
        ProtoWriter w = new ProtoWriter().packedVarints(1, dims).varint(2, dataType == FLOAT ? FLOAT : INT64).string(8, name);
        if (dataType == FLOAT) {
            ByteBuffer b = ByteBuffer.allocate(floats.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(floats);
            w.bytes(9, b.array());
        } else {
            ByteBuffer b = ByteBuffer.allocate(longs.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(longs);
            w.bytes(9, b.array());
        }
        return w;
    }

    private static long[] packedVarints(ProtoReader m) {
        long[] out = new long[8];
        int n = 0;
        while (!m.atEnd()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = m.varint();
        }
        return Arrays.copyOf(out, n);
    }

    private static float[] packedFloats(ProtoReader m) {
        float[] out = new float[8];
        int n = 0;
        while (!m.atEnd()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = m.fixed32Float();
        }
        return Arrays.copyOf(out, n);
    }

    static long[] readInts(ProtoReader r, long[] acc) {
        return r.wireType() == ProtoReader.LEN ? concat(acc, packedVarints(r.message())) : append(acc, r.varint());
    }

    static float[] readFloats(ProtoReader r, float[] acc) {
        if (r.wireType() == ProtoReader.LEN) {
            float[] p = packedFloats(r.message());
            float[] out = Arrays.copyOf(acc, acc.length + p.length);
            System.arraycopy(p, 0, out, acc.length, p.length);
            return out;
        }
        return appendF(acc, r.fixed32Float());
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long[] append(long[] a, long v) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    private static float[] appendF(float[] a, float v) {
        float[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}
