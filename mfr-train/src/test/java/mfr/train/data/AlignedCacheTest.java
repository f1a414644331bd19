package mfr.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import mfr.core.dataset.SharedData;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aligned crops are tied to the pipeline version that made them: a cache of another version is made again. */
class AlignedCacheTest {
    @Test
    void aCacheOfAnotherPipelineVersionIsRebuilt(@TempDir Path tmp) throws Exception {
        Optional<Path> lfw = SharedData.dataset("lfw-deepfunneled");
        Assumptions.assumeTrue(lfw.isPresent(), SharedData.missingReason("lfw-deepfunneled"));
        new ModelInstaller(MfrHome.resolve()).ensureInstalled();
        Path src = tmp.resolve("src/Colin_Powell");
        Files.createDirectories(src);
        for (int i = 1; i <= 2; i++) {
            String f = String.format("Colin_Powell_%04d.jpg", i);
            Files.copy(lfw.get().resolve("Colin_Powell").resolve(f), src.resolve(f));
        }
        // What an older mfr left: a marker without the pipeline line and a crop that is not what this pipeline makes.
        Path cache = tmp.resolve("cache");
        Files.createDirectories(cache.resolve("Colin_Powell"));
        Path crop = cache.resolve("Colin_Powell/Colin_Powell_0001.png");
        Files.writeString(crop, "old");
        Files.writeString(cache.resolve(AlignedCache.MARKER), "source=old\naligned=1\nnoFace=0\n");
        assertThat(AlignedCache.isComplete(cache)).isFalse();

        IdentityFolderDataset ds = IdentityFolderDataset.open(tmp.resolve("src"));
        try (FaceAnalyzer fa = FaceAnalyzer.open(AnalyzerConfig.defaults())) {
            AlignedCache.Result r = AlignedCache.build(ds, cache, fa, 1, i -> { });
            assertThat(r.reused()).isFalse();
            assertThat(r.aligned()).isEqualTo(2);
            assertThat(AlignedCache.isComplete(cache)).isTrue();
            assertThat(IdentityFolderDataset.open(cache).image(0).width()).isEqualTo(112);
            assertThat(AlignedCache.build(ds, cache, fa, 1, i -> { }).reused()).isTrue();
        }
    }
}
