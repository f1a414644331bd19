package mfr.onnx.detect;

/**
 * A second detection pass for images where the first finds no face, as happens with masked faces that fill the
 * frame or whose lower half the detector does not recognise. First the image is padded on every side by
 * {@code padding} x its longer side (mid-grey) and detected again at the normal threshold; if that still finds
 * nothing, candidates down to {@code lowThreshold} (on the image and the padded one) are tried. Every face this pass
 * adds must be one where the landmark model places a plausible face (eyes level and apart, mouth below them, nose
 * between).
 *
 * @param enabled      run the second pass at all
 * @param padding      border added on each side, as a fraction of the image's longer side
 * @param lowThreshold lowest detector score a landmark-checked candidate may have
 */
public record DetectionRescue(boolean enabled, double padding, double lowThreshold) {
    public static final DetectionRescue DEFAULT = new DetectionRescue(true, 0.25, 0.2);
    public static final DetectionRescue OFF = new DetectionRescue(false, 0.25, 0.2);

    public DetectionRescue {
        if (padding < 0 || padding > 2 || lowThreshold < 0 || lowThreshold > 1) {
            throw new IllegalArgumentException("invalid detection rescue settings");
        }
    }
}
