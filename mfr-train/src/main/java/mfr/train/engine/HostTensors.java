package mfr.train.engine;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/** Copies between Java arrays and CPU tensors. Tensors returned are new and owned by the caller (or its scope). */
public final class HostTensors {
    private HostTensors() {
    }

    public static Tensor floats(float[] data, long... shape) {
        check(data.length, shape);
        return Tensor.create(data, shape);
    }

    public static Tensor longs(long[] data, long... shape) {
        check(data.length, shape);
        return Tensor.create(data, shape);
    }

    /** The values of a tensor as float32, in row-major order (converted and made contiguous when needed). */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.cpu();
        if (c.scalar_type() != ScalarType.Float) {
            c = c.to(ScalarType.Float);
        }
        c = c.contiguous();
        float[] out = new float[(int) c.numel()];
        FloatBuffer b = c.createBuffer();
        b.get(out);
        return out;
    }

    public static long[] toLongs(Tensor t) {
        Tensor c = t.cpu();
        c = c.scalar_type() == ScalarType.Long ? c.contiguous() : c.to(ScalarType.Long).contiguous();
        long[] out = new long[(int) c.numel()];
        LongBuffer b = c.createBuffer();
        b.get(out);
        return out;
    }

    /** Copies {@code data} into an existing float tensor of the same number of elements, in place. */
    public static void copyInto(Tensor dst, float[] data) {
        if (dst.numel() != data.length) {
            throw new IllegalArgumentException("tensor has " + dst.numel() + " elements, data " + data.length);
        }
        try (var guard = new org.bytedeco.pytorch.NoGradGuard()) {
            dst.copy_(floats(data, dst.shape()));
        }
    }

    public static float scalar(Tensor t) {
        return t.item_float();
    }

    private static void check(int n, long[] shape) {
        long p = 1;
        for (long s : shape) {
            p *= s;
        }
        if (p != n) {
            throw new IllegalArgumentException("shape holds " + p + " elements, data " + n);
        }
    }
}
