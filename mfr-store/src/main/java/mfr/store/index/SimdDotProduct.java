package mfr.store.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD dot products with the JDK vector API (incubating in Java 17); loaded only when the module is present. */
final class SimdDotProduct extends DotProduct {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] a, float[] b, int offset, int dim) {
        int lanes = SPECIES.length();
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + 2 * lanes <= dim; i += 2 * lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, offset + i), acc0);
            acc1 = FloatVector.fromArray(SPECIES, a, i + lanes)
                    .fma(FloatVector.fromArray(SPECIES, b, offset + i + lanes), acc1);
        }
        for (; i + lanes <= dim; i += lanes) {
            acc0 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, offset + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            s += a[i] * b[offset + i];
        }
        return s;
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize() + "bit";
    }
}
