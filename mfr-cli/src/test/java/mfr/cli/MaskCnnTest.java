package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.mask.classify.ClassifierTrainer;
import mfr.mask.classify.CnnInput;
import mfr.mask.classify.FeatureKind;
import mfr.mask.classify.MaskClassifier;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.classify.BinaryImageTrainer;
import mfr.train.classify.ChwAugment;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxExporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CNN mask classifier from end to end: synthetic examples of real LFW photos (the trainer's own), a few training
 * steps with mfr-train, the ONNX export installed as the classifier and served by ONNX Runtime through
 * {@link MaskClassifier}, which gives the libtorch network's probabilities.
 */
class MaskCnnTest {
    @TempDir
    Path models;

    @Test
    void trainsOnSyntheticMasksAndServesTheExportThroughMaskClassifier() throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()))) {
            List<Path> photos = IdentityFolders.sample(lfw.get(), 16, 1);
            ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(FeatureKind.CNN, MaskType.parseList("all"),
                    0, 0, 3, 2, 1, 0);
            ClassifierTrainer.Examples ex = new ClassifierTrainer(fa).examples(photos, cfg, i -> { });
            assertThat(ex.size()).isGreaterThan(56);
            List<float[]> x = ex.features(FeatureKind.CNN);
            assertThat(x.get(0)).hasSize(3 * CnnInput.SIZE * CnnInput.SIZE);
            BinaryImageTrainer.Config tc = new BinaryImageTrainer.Config(CnnInput.SIZE, 8, 3, 6, 16, 0.005, 1e-4,
                    new ChwAugment(0.5, 0.1, 0.1, 0.05, 2), 3, 2);
            BinaryImageTrainer.Result r = BinaryImageTrainer.train("mask-classifier", x, ex.masked(), tc, s -> { });
            float[] logits;
            try (Network net = r.network()) {
                assertThat(r.epochLosses().get(r.epochLosses().size() - 1)).isLessThan(r.epochLosses().get(0));
                logits = BinaryImageTrainer.logits(net, x, CnnInput.SIZE);
                OnnxExporter.write(net, models.resolve(MaskClassifier.CNN_FILE));
            }
            try (MaskClassifier made = MaskClassifier.cnn(models, MaskClassifier.CNN_FILE, CnnInput.SIZE, 0.5,
                    Map.of("test", true))) {
                made.save(models);
            }
            try (MaskClassifier clf = MaskClassifier.load(models).orElseThrow()) {
                assertThat(clf.kind()).isEqualTo(FeatureKind.CNN);
                assertThat(clf.provenance()).containsEntry("test", true);
                for (int i = 0; i < ex.size(); i++) {
                    double p = clf.probability(ex.faces().get(i));
                    assertThat(p).isBetween(0.0, 1.0).isCloseTo(1 / (1 + Math.exp(-logits[i])),
                            org.assertj.core.data.Offset.offset(1e-5));
                }
                int[] c = ClassifierTrainer.confusion(clf, ex);
                assertThat(c[0] + c[1] + c[2] + c[3]).isEqualTo(ex.size());
                Face f = fa.mainFace(fa.load(photos.get(0)));
                assertThat(clf.annotate(f).maskProbability()).isBetween(0.0, 1.0);
            }

            // A network that is not the one the file names is refused, with what to do.
            byte[] onnx = Files.readAllBytes(models.resolve(MaskClassifier.CNN_FILE));
            onnx[onnx.length - 1] ^= 1;
            Files.write(models.resolve(MaskClassifier.CNN_FILE), onnx);
            assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                    .hasMessageContaining("does not match the digest").hasMessageContaining("train-classifier");
            Files.delete(models.resolve(MaskClassifier.CNN_FILE));
            assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                    .hasMessageContaining("cannot read").hasMessageContaining("--features CNN");
        }
    }
}
