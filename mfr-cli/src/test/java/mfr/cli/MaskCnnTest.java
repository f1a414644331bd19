package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import mfr.mask.classify.LogisticModel;
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
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CNN mask classifier and the blend from end to end: synthetic examples of real LFW photos (the trainer's own), a
 * few training steps with mfr-train, the ONNX export installed as the classifier and served by ONNX Runtime through
 * {@link MaskClassifier}, which gives the libtorch network's probabilities (the blend: the mean of its members').
 */
class MaskCnnTest {
    @TempDir
    Path models;

    /** Examples of 16 LFW photos, a CNN trained a few steps on them and exported to {@code models}. */
    private record Trained(FaceAnalyzer fa, List<Path> photos, ClassifierTrainer.Config cfg,
                           ClassifierTrainer.Examples ex, float[] logits) {
    }

    private Trained train(FaceAnalyzer fa, FeatureKind kind) {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        List<Path> photos = IdentityFolders.sample(lfw.get(), 16, 1);
        ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(kind, MaskType.parseList("all"), 0.02, 50, 3, 2,
                1, 0);
        ClassifierTrainer.Examples ex = new ClassifierTrainer(fa).examples(photos, cfg, i -> { });
        assertThat(ex.size()).isGreaterThan(56);
        List<float[]> x = ex.features(FeatureKind.CNN);
        assertThat(x.get(0)).hasSize(3 * CnnInput.SIZE * CnnInput.SIZE);
        BinaryImageTrainer.Config tc = new BinaryImageTrainer.Config(CnnInput.SIZE, 8, 3, 6, 16, 0.005, 1e-4,
                new ChwAugment(0.5, 0.1, 0.1, 0.05, 2), 3, 2);
        BinaryImageTrainer.Result r = BinaryImageTrainer.train("mask-classifier", x, ex.masked(), tc, s -> { });
        try (Network net = r.network()) {
            assertThat(r.epochLosses().get(r.epochLosses().size() - 1)).isLessThan(r.epochLosses().get(0));
            OnnxExporter.write(net, models.resolve(MaskClassifier.CNN_FILE));
            return new Trained(fa, photos, cfg, ex, BinaryImageTrainer.logits(net, x, CnnInput.SIZE));
        }
    }

    private static FaceAnalyzer analyzer() {
        return FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
    }

    private static double sigmoid(float z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The classifier installed in {@code models} serves every example, and annotates a face. */
    private void checkServes(Trained t, FeatureKind kind, java.util.function.IntToDoubleFunction expected) {
        try (MaskClassifier clf = MaskClassifier.load(models).orElseThrow()) {
            assertThat(clf.kind()).isEqualTo(kind);
            assertThat(clf.provenance()).containsEntry("test", true);
            for (int i = 0; i < t.ex().size(); i++) {
                assertThat(clf.probability(t.ex().faces().get(i))).isBetween(0.0, 1.0)
                        .isCloseTo(expected.applyAsDouble(i), Offset.offset(1e-5));
            }
            int[] c = ClassifierTrainer.confusion(clf, t.ex());
            assertThat(c[0] + c[1] + c[2] + c[3]).isEqualTo(t.ex().size());
            Face f = t.fa().mainFace(t.fa().load(t.photos().get(0)));
            assertThat(clf.annotate(f).maskProbability()).isBetween(0.0, 1.0);
        }
    }

    /** A network that is not the one the file names, or no network, is refused, with what to do. */
    private void checkRefusesAnotherNetwork(FeatureKind kind) throws Exception {
        byte[] onnx = Files.readAllBytes(models.resolve(MaskClassifier.CNN_FILE));
        onnx[onnx.length - 1] ^= 1;
        Files.write(models.resolve(MaskClassifier.CNN_FILE), onnx);
        assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                .hasMessageContaining("does not match the digest").hasMessageContaining("--features " + kind);
        Files.delete(models.resolve(MaskClassifier.CNN_FILE));
        assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                .hasMessageContaining("cannot read").hasMessageContaining("--features " + kind);
    }

    private static String without(String json, String field) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = (ObjectNode) m.readTree(json);
        assertThat(n.remove(field)).isNotNull();
        return m.writeValueAsString(n);
    }

    @Test
    void trainsOnSyntheticMasksAndServesTheExportThroughMaskClassifier() throws Exception {
        try (FaceAnalyzer fa = analyzer()) {
            Trained t = train(fa, FeatureKind.CNN);
            try (MaskClassifier made = MaskClassifier.cnn(models, MaskClassifier.CNN_FILE, CnnInput.SIZE, 0.5,
                    Map.of("test", true))) {
                made.save(models);
            }
            checkServes(t, FeatureKind.CNN, i -> sigmoid(t.logits()[i]));
            checkRefusesAnotherNetwork(FeatureKind.CNN);
        }
    }

    @Test
    void theBlendIsTheMeanOfItsLogisticRegressionAndItsCnn() throws Exception {
        try (FaceAnalyzer fa = analyzer()) {
            Trained t = train(fa, FeatureKind.BLEND);
            LogisticModel lr = ClassifierTrainer.logistic(t.ex(), FeatureKind.PIXELS, t.cfg());
            MaskClassifier pixels = new MaskClassifier(FeatureKind.PIXELS, null, lr, 0.5, Map.of());
            try (MaskClassifier made = MaskClassifier.blend(models, lr, MaskClassifier.CNN_FILE, CnnInput.SIZE,
                    Map.of("test", true))) {
                made.save(models);
            }
            String json = Files.readString(MaskClassifier.file(models));
            assertThat(json).contains("\"BLEND\"", "\"sha256\"", "\"weights\"");
            double[] members = new double[t.ex().size()];
            double apart = 0;
            for (int i = 0; i < members.length; i++) {
                members[i] = pixels.probability(t.ex().faces().get(i));
                apart = Math.max(apart, Math.abs(members[i] - sigmoid(t.logits()[i])));
            }
            assertThat(apart).as("the members disagree somewhere, so the mean is not either one").isGreaterThan(0.01);
            checkServes(t, FeatureKind.BLEND, i -> (members[i] + sigmoid(t.logits()[i])) / 2);

            // A blend without one of its members is refused, saying which.
            Files.writeString(MaskClassifier.file(models), without(json, "model"));
            assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                    .hasMessageContaining("lacks its logistic regression").hasMessageContaining("--features BLEND");
            Files.writeString(MaskClassifier.file(models), without(json, "network"));
            assertThatThrownBy(() -> MaskClassifier.load(models)).isInstanceOf(MfrException.class)
                    .hasMessageContaining("lacks its CNN").hasMessageContaining("--features BLEND");
            Files.writeString(MaskClassifier.file(models), json);
            checkRefusesAnotherNetwork(FeatureKind.BLEND);
        }
    }
}
