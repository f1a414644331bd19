package mfr.train.data;

import mfr.train.engine.HostTensors;
import org.bytedeco.pytorch.Tensor;

/**
 * One batch on the host: NCHW float images and int64 labels, plus where it sits in the run (epoch, index in the
 * epoch). {@link #images()} and {@link #labels()} create tensors that the caller's scope releases.
 */
public record Batch(float[] pixels, long[] labelValues, int size, int height, int width, int epoch, int indexInEpoch) {
    public Tensor images() {
        return HostTensors.floats(pixels, size, 3, height, width);
    }

    public Tensor labels() {
        return HostTensors.longs(labelValues, size);
    }
}
