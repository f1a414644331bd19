package mfr.core.image;

/**
 * Limits applied before an image is decoded.
 *
 * @param maxBytes      largest encoded file accepted
 * @param maxPixels     largest width x height announced by the header; checked before decoding
 * @param maxDecodeSide images whose longer side exceeds this are decoded subsampled by an integer factor
 *                      (faces stay far above the 112-pixel crop, and decoding stays fast and small)
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxDecodeSide) {
    public static final ImageLimits DEFAULT = new ImageLimits(50L << 20, 100_000_000L, 2048);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxDecodeSide < 64) {
            throw new IllegalArgumentException("image limits must be positive and maxDecodeSide >= 64");
        }
    }
}
