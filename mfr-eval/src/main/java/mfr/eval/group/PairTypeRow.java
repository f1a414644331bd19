package mfr.eval.group;

/**
 * Pairs broken down by the values of one attribute on their two sides (for the mask: unmasked-unmasked,
 * masked-unmasked, masked-masked). {@code bestAccuracy} uses the threshold best for this type alone;
 * the {@code *AtGlobal} figures use the global threshold.
 */
public record PairTypeRow(String attribute, String type, long genuinePairs, long impostorPairs, double bestAccuracy,
                          double bestThreshold, double accuracyAtGlobal, double tarAtGlobal, double farAtGlobal) {
}
