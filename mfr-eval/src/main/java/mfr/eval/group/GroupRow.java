package mfr.eval.group;

/**
 * One group of a per-group table: the pairs whose two images both carry {@code value} for {@code attribute}, judged at
 * the global threshold. {@code farRatio} is this group's FAR over the lowest non-zero group FAR of the attribute
 * (the demographic differential NIST FRVT reports); NaN when undefined.
 */
public record GroupRow(String attribute, String value, long genuinePairs, long impostorPairs, double tar, double far,
                       double farRatio) {
}
