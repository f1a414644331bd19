package mfr.onnx.detect;

/**
 * @param scoreThreshold smallest confidence kept
 * @param nmsIou         boxes overlapping a better one by more than this IoU are dropped
 * @param maxFaces       at most this many faces, best first
 * @param minFaceSize    boxes whose shorter side (in image pixels) is smaller are dropped
 */
public record DetectorSettings(double scoreThreshold, double nmsIou, int maxFaces, double minFaceSize) {
    public static final DetectorSettings DEFAULT = new DetectorSettings(0.6, 0.4, 50, 12);

    public DetectorSettings {
        if (scoreThreshold < 0 || scoreThreshold > 1 || nmsIou <= 0 || nmsIou > 1 || maxFaces < 1 || minFaceSize < 0) {
            throw new IllegalArgumentException("invalid detector settings");
        }
    }
}
