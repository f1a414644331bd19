package mfr.mask.classify;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import mfr.core.face.Face;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.eval.AnalyzedSet;
import mfr.onnx.analyzer.FaceAnalyzer;

/** Accuracy of a mask classifier on MFR2's real masked / unmasked labels. */
public final class ClassifierCheck {
    /**
     * @param images          labelled images
     * @param detected        images where a face was found (the classifier ran)
     * @param correct         right decisions among the detected
     * @param accuracy        correct / detected
     * @param accuracyAll     correct / images (a missed face counts as wrong)
     * @param maskedRecall    masked photos called masked, among detected masked photos
     * @param unmaskedRecall  unmasked photos called unmasked, among detected unmasked photos
     * @param maskedAsMasked     confusion matrix (detected faces): real masks called masked
     * @param maskedAsUnmasked   real masks called unmasked
     * @param unmaskedAsUnmasked unmasked faces called unmasked
     * @param unmaskedAsMasked   unmasked faces called masked
     * @param errors          wrongly classified files with their probability
     */
    public record Result(int images, int detected, int correct, double accuracy, double accuracyAll,
                         double maskedRecall, double unmaskedRecall, int maskedAsMasked, int maskedAsUnmasked,
                         int unmaskedAsUnmasked, int unmaskedAsMasked, Map<String, Double> errors) {
    }

    private ClassifierCheck() {
    }

    public static Result run(FaceAnalyzer fa, MaskClassifier clf, Mfr2Dataset ds, int threads, IntConsumer progress) {
        AnalyzedSet<Path> set = AnalyzedSet.analyzeFiles(fa, ds.entries().stream().map(Mfr2Dataset.Entry::file).toList(),
                threads, progress);
        int detected = 0, correct = 0, m = 0, mOk = 0, u = 0, uOk = 0;
        Map<String, Double> errors = new LinkedHashMap<>();
        for (Mfr2Dataset.Entry e : ds.entries()) {
            Face f = set.faces().get(e.file());
            if (f == null) {
                continue;
            }
            detected++;
            double p = clf.probability(f);
            boolean said = p >= clf.threshold();
            if (e.masked()) {
                m++;
            } else {
                u++;
            }
            if (said == e.masked()) {
                correct++;
                if (e.masked()) {
                    mOk++;
                } else {
                    uOk++;
                }
            } else {
                errors.put(ds.root().relativize(e.file()) + " (" + e.label() + ")", Math.round(p * 1000) / 1000.0);
            }
        }
        return new Result(ds.entries().size(), detected, correct, (double) correct / Math.max(1, detected),
                (double) correct / ds.entries().size(), (double) mOk / Math.max(1, m), (double) uOk / Math.max(1, u),
                mOk, m - mOk, uOk, u - uOk, errors);
    }
}
