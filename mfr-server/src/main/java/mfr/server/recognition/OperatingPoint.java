package mfr.server.recognition;

/**
 * A decision threshold and the false-accept rate it was calibrated for.
 *
 * @param name      e.g. far-1e-3
 * @param far       target false-accept rate
 * @param threshold cosine similarity at or above which two faces are called the same person
 * @param measured  how it was measured (data, number of impostor pairs)
 */
public record OperatingPoint(String name, double far, double threshold, String measured) {
}
