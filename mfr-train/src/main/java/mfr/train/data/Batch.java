package mfr.train.data;

import mfr.train.engine.HostTensors;
import org.bytedeco.pytorch.Tensor;

/**
 * One batch on the host: NCHW float images and int64 labels, the dataset index of each sample and whether it was
 * replaced by a masked twin, plus where it sits in the run (epoch, index in the epoch). {@link #images()} and
 * {@link #labels()} create tensors that the caller's scope releases.
 */
public record Batch(float[] pixels, long[] labelValues, int[] samples, boolean[] masked, int size, int height,
                    int width, int epoch, int indexInEpoch) {
    /** How many samples of the batch are masked twins. */
    public int maskedCount() {
        int n = 0;
        for (boolean m : masked) {
            n += m ? 1 : 0;
        }
        return n;
    }

    public Tensor images() {
        return HostTensors.floats(pixels, size, 3, height, width);
    }

    public Tensor labels() {
        return HostTensors.longs(labelValues, size);
    }
}
