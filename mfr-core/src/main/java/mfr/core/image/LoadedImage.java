package mfr.core.image;

/**
 * A decoded image with what is known of its origin.
 *
 * @param image       the pixels, upright (EXIF orientation applied)
 * @param source      file name or label used in messages
 * @param format      decoder format name (jpeg, png, bmp, webp, ...)
 * @param width       upright width of the full-resolution image
 * @param height      upright height of the full-resolution image
 * @param subsampling integer factor by which the image was decoded smaller (1 = full resolution);
 *                    multiply pixel coordinates of {@code image} by it to get full-resolution coordinates
 */
public record LoadedImage(RgbImage image, String source, String format, int width, int height, int subsampling) {
}
