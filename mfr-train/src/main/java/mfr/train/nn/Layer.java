package mfr.train.nn;

import java.util.List;

/**
 * One operation of a {@link Network}. Parameters are referred to by name in the network's {@link ParamStore}; a
 * layer holds no tensors itself, so one description serves forward, export and checkpoints.
 */
public sealed interface Layer {
    /** 2-D convolution, weight [out, in/groups, kh, kw], optional bias [out]. */
    record Conv(String weight, String bias, long[] stride, long[] padding, long[] dilation, long groups) implements Layer {
        @Override
        public List<String> tensorNames() {
            return nonNull(weight, bias);
        }
    }

    /** Batch normalisation over channels (dim 1), for 2-D (N,C) or 4-D input; weight and bias may be frozen. */
    record BatchNorm(String weight, String bias, String runningMean, String runningVar, double eps, double momentum)
            implements Layer {
        @Override
        public List<String> tensorNames() {
            return nonNull(weight, bias, runningMean, runningVar);
        }
    }

    /** Parametric ReLU with one slope per channel, stored as [C]. */
    record PRelu(String slope) implements Layer {
        @Override
        public List<String> tensorNames() {
            return List.of(slope);
        }
    }

    /** Element-wise sum of two inputs. */
    record Add() implements Layer {
    }

    /** Mean over the spatial dimensions of NCHW input, keeping them as 1x1 ([N, C, 1, 1]). */
    record GlobalAvgPool() implements Layer {
    }

    /** Flattens everything after the batch dimension. */
    record Flatten() implements Layer {
    }

    /** y = x W^T + b, weight [out, in], optional bias [out]. */
    record Linear(String weight, String bias) implements Layer {
        @Override
        public List<String> tensorNames() {
            return nonNull(weight, bias);
        }
    }

    /** Every parameter or buffer name the layer uses (nulls left out). */
    default List<String> tensorNames() {
        return List.of();
    }

    static List<String> nonNull(String... names) {
        return java.util.Arrays.stream(names).filter(java.util.Objects::nonNull).toList();
    }
}
