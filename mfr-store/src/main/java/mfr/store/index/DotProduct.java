package mfr.store.index;

/**
 * Dot products of float vectors: SIMD through the JDK's vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (as {@code ./mfr} and the tests do), else a scalar loop.
 */
public abstract class DotProduct {
    private static final DotProduct BEST = choose();

    public static DotProduct best() {
        return BEST;
    }

    public static DotProduct scalar() {
        return new Scalar();
    }

    /** Dot product of {@code a} and the {@code dim} floats of {@code b} from {@code offset}. */
    public abstract float dot(float[] a, float[] b, int offset, int dim);

    public abstract String name();

    private static DotProduct choose() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (DotProduct) Class.forName("mfr.store.index.SimdDotProduct").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new Scalar();
            }
        }
        return new Scalar();
    }

    static final class Scalar extends DotProduct {
        @Override
        public float dot(float[] a, float[] b, int offset, int dim) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int i = 0;
            for (; i + 3 < dim; i += 4) {
                s0 += a[i] * b[offset + i];
                s1 += a[i + 1] * b[offset + i + 1];
                s2 += a[i + 2] * b[offset + i + 2];
                s3 += a[i + 3] * b[offset + i + 3];
            }
            for (; i < dim; i++) {
                s0 += a[i] * b[offset + i];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
