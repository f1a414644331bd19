package mfr.mask.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.mask.TestFaces;
import mfr.mask.dataset.IdentityFolders;
import mfr.mask.dataset.Mfr2Dataset;
import mfr.mask.render.MaskType;
import mfr.onnx.analyzer.FaceAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small classifier trained on synthetic masks of a few LFW photos, checked on real MFR2 masks. */
class MaskClassifierTest {
    @TempDir
    Path models;

    @Test
    void trainedOnSyntheticMasksItTellsRealMaskedFacesFromUnmaskedOnes() {
        FaceAnalyzer fa = TestFaces.analyzer();
        var photos = IdentityFolders.sample(TestFaces.dataset("lfw-deepfunneled"), 60, 1);
        ClassifierTrainer.Config cfg = new ClassifierTrainer.Config(FeatureKind.PIXELS, MaskType.parseList("all"),
                0.02, 200, 1, 1, 1, 0.5);
        ClassifierTrainer t = new ClassifierTrainer(fa);
        ClassifierTrainer.Examples ex = t.examples(photos, cfg, i -> { });
        // Each photo: unmasked and masked, each with one misaligned crop.
        assertThat(ex.size()).isGreaterThan(200);
        int masked = 0;
        for (boolean m : ex.masked()) {
            masked += m ? 1 : 0;
        }
        assertThat(masked).isBetween(ex.size() / 2 - 5, ex.size() / 2 + 5);
        MaskClassifier clf = t.fit(ex, cfg, fa.embedder().modelId(), Map.of("test", true));

        Mfr2Dataset ds = Mfr2Dataset.load(TestFaces.dataset("mfr2"));
        ClassifierCheck.Result r = ClassifierCheck.run(fa, clf, ds, 1, i -> { });
        // Far better than chance (64 % of MFR2 is masked) on real masks it never saw.
        assertThat(r.accuracy()).isGreaterThan(0.8);
        assertThat(r.unmaskedRecall()).isGreaterThan(0.8);

        clf.save(models);
        MaskClassifier loaded = MaskClassifier.load(models).orElseThrow();
        Face f = fa.mainFace(fa.load(ds.masked().get(0).file()));
        assertThat(loaded.probability(f)).isEqualTo(clf.probability(f));
        assertThat(loaded.annotate(f).maskProbability()).isBetween(0.0, 1.0);
        assertThat(f.maskKnown()).isFalse();
    }

    @Test
    void randomColoursAreSeededAndLeaveTheShapeAlone() {
        var types = MaskType.parseList("all");
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            var a = ClassifierTrainer.style(types, 1.0, new java.util.Random(i));
            var b = ClassifierTrainer.style(types, 1.0, new java.util.Random(i));
            var plain = ClassifierTrainer.style(types, 0.0, new java.util.Random(i));
            assertThat(a).isEqualTo(b);
            assertThat(a.type()).isEqualTo(plain.type());
            assertThat(a.top()).isEqualTo(plain.top());
            colours.add(a.rgb());
        }
        assertThat(colours).hasSizeGreaterThan(15);
    }

    @Test
    void missingClassifierSaysHowToCreateIt() {
        assertThat(MaskClassifier.load(models)).isEmpty();
        assertThatThrownBy(() -> MaskClassifier.require(models)).isInstanceOf(MfrException.class)
                .hasMessageContaining("mfr mask train-classifier");
    }
}
