package mfr.eval.protocol;

import java.util.List;

/**
 * 1:N identification over a gallery of one image per enrolled identity.
 *
 * @param galleryIdentities  enrolled identities
 * @param matedSearches      probes of enrolled identities
 * @param nonMatedSearches   probes of identities held out of the gallery
 * @param rank1              fraction of mated searches whose best candidate is the right identity
 * @param tpirAtFpir         TPIR at each FPIR (a mated search succeeds when its right identity ranks first with a
 *                           score at or above the threshold; the threshold lets at most FPIR of the non-mated searches
 *                           return any candidate)
 */
public record IdentificationResult(int galleryIdentities, int matedSearches, int nonMatedSearches, double rank1,
                                   List<TpirAtFpir> tpirAtFpir) {
    /** One operating point; {@code measurable} is false when there are fewer than 1/FPIR non-mated searches. */
    public record TpirAtFpir(double fpir, boolean measurable, double threshold, double tpir, String note) {
    }
}
