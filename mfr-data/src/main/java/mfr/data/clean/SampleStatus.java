package mfr.data.clean;

/** What cleaning decided for one sample. */
public enum SampleStatus {
    /** Kept with its (possibly merged) label. */
    KEPT,
    /** Too far from its identity's robust centre: probably a wrong label. */
    OUTLIER,
    /** A near-copy (similarity >= the duplicate threshold) of an earlier sample of the same identity. */
    DUPLICATE,
    /** Kept under a new label: its identity held two strong clusters and was split. */
    SPLIT_OFF,
    /**
     * Kept under another identity's label: its own label had no consensus (no two of its samples agreed, or it held
     * two samples and this one matches the other identity better than its partner), and it matched that identity's
     * centre at the merge threshold of a single sample.
     */
    RELABELLED,
    /** Removed: the minor cluster of an identity reduced to its dominant one. */
    MINOR_CLUSTER,
    /** Removed with its whole identity, dropped as a duplicate identity of another one. */
    DROPPED_IDENTITY;

    public boolean removed() {
        return this != KEPT && this != SPLIT_OFF && this != RELABELLED;
    }
}
