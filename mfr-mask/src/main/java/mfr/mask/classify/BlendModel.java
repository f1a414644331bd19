package mfr.mask.classify;

/**
 * The mean of two members' probabilities, weight 0.5 each (fixed, not tuned): a logistic regression on
 * {@link PixelFeatures} and a {@link CnnModel}, both trained on the same synthetic examples. Its features are the
 * pixel features followed by the CNN input ({@link MaskClassifier#features}).
 */
public record BlendModel(LogisticModel logistic, CnnModel cnn) implements MaskModel {

    @Override
    public double probability(float[] x) {
        int d = logistic.weights().length;
        if (x.length != d + 3 * cnn.inputSize() * cnn.inputSize()) {
            throw new IllegalArgumentException("expected " + d + " pixel features and a 3x" + cnn.inputSize() + "x"
                    + cnn.inputSize() + " input, got " + x.length + " values");
        }
        return (logistic.probability(java.util.Arrays.copyOfRange(x, 0, d))
                + cnn.probability(java.util.Arrays.copyOfRange(x, d, x.length))) / 2;
    }

    @Override
    public void close() {
        cnn.close();
    }
}
