package mfr.eval.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import mfr.eval.group.GroupRow;
import mfr.eval.group.PairTypeRow;
import mfr.eval.metric.Scores;
import mfr.eval.metric.VerificationMetrics;
import mfr.eval.protocol.IdentificationResult;

/**
 * Everything one evaluation found, as written to JSON, CSV, PNG and HTML.
 *
 * @param protocol        what was evaluated ("LFW View 2", "MFR2 pairs", "identity set (all vs all)", ...)
 * @param dataset         the data it read
 * @param model           the model key the embeddings were made with
 * @param date            when (ISO-8601, UTC)
 * @param settings        every resolved setting
 * @param images          distinct images
 * @param failedImages    images without an embedding (no face found, unreadable): their pairs are rejections
 * @param failures        a few of those, with their reasons
 * @param kFold           k-fold accuracy (each fold at the threshold best on the others), or null
 * @param threshold       the global threshold of the per-group tables
 * @param thresholdRule   how it was chosen
 * @param verification    TAR@FAR, EER, best accuracy, ROC over all pairs
 * @param pairTypes       pairs by the values of an attribute on their two sides
 * @param groups          per-group TAR and FAR at the global threshold, and FAR ratios
 * @param identification  1:N results, or null
 * @param scores          the scores themselves, for plots (not serialised)
 */
public record EvalReport(String protocol, String dataset, String model, String date, Map<String, Object> settings,
                         long images, long failedImages, List<String> failures, KFold kFold, double threshold,
                         String thresholdRule, VerificationMetrics verification, List<PairTypeRow> pairTypes,
                         List<GroupRow> groups, IdentificationResult identification, @JsonIgnore Scores scores) {

    /** Mean and sample standard deviation of the per-fold accuracies. */
    public record KFold(int folds, double mean, double std) {
    }
}
