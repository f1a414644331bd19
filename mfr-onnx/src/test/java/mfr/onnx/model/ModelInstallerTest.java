package mfr.onnx.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real installs with the real npm client (its cache makes repeated fetches fast). */
class ModelInstallerTest {
    @Test
    void installsVerifiedModelsAndAManifest(@TempDir Path tmp) {
        MfrHome home = new MfrHome(tmp);
        ModelManifest m = new ModelInstaller(home).install(false);

        assertThat(m.ids()).containsExactlyInAnyOrder("fr_detect", "fr_landmark", "fr_feature", "fr_liveness");
        for (ModelSpec s : DefaultModels.SPECS) {
            assertThat(NpmPackage.sha256Hex(home.models().resolve(s.file()))).isEqualTo(s.sha256());
        }
        assertThat(ModelManifest.read(home.models()).find("fr_feature")).get()
                .extracting(ModelSpec::channelOrder).isEqualTo(ChannelOrder.BGR);
        // No staging leftovers.
        assertThat(home.models().toFile().list()).noneMatch(n -> n.startsWith(".staging"));

        // Installed: a second call needs no npm at all.
        ModelInstaller noNpm = new ModelInstaller(home, List.of(tmp.resolve("no-such-npm").toString()));
        assertThat(noNpm.ensureInstalled().ids()).hasSize(4 + BundledModels.list().size());
    }

    @Test
    void missingNpmIsAClearErrorAndInstallsNothing(@TempDir Path tmp) {
        MfrHome home = new MfrHome(tmp);
        ModelInstaller installer = new ModelInstaller(home, List.of(tmp.resolve("no-such-npm").toString()));
        assertThatThrownBy(installer::ensureInstalled).isInstanceOf(MfrException.class)
                .hasMessageContaining("npm is not installed")
                .extracting(e -> ((MfrException) e).code()).isEqualTo(ErrorCode.MODEL);
        assertThat(Files.exists(home.models().resolve(ModelManifest.FILE))).isFalse();
        assertThat(home.models().toFile().list()).containsOnly(".lock");
    }

    @Test
    void unreachableRegistryIsAClearError(@TempDir Path tmp) {
        MfrHome home = new MfrHome(tmp);
        ModelInstaller installer = new ModelInstaller(home, List.of("npm", "--registry", "http://127.0.0.1:9/",
                "--fetch-retries", "0", "--prefer-online", "--cache", tmp.resolve("npm-cache").toString()));
        assertThatThrownBy(() -> installer.install(true)).isInstanceOf(MfrException.class)
                .hasMessageContaining("npm could not fetch")
                .hasMessageContaining("registry");
        assertThat(Files.exists(home.models().resolve(ModelManifest.FILE))).isFalse();
    }

    @Test
    void integrityMismatchIsRefused(@TempDir Path tmp) throws Exception {
        NpmPackage wrong = new NpmPackage(DefaultModels.MODELS.name(), DefaultModels.MODELS.version(),
                "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");
        Path dir = Files.createDirectory(tmp.resolve("pack"));
        assertThatThrownBy(() -> wrong.pack(dir, NpmPackage.defaultCommand())).isInstanceOf(MfrException.class)
                .hasMessageContaining("integrity mismatch");
    }

    @Test
    void registersAUserEmbedderWithItsDigest(@TempDir Path tmp) throws Exception {
        MfrHome shared = MfrHome.resolve();
        new ModelInstaller(shared).ensureInstalled();
        MfrHome home = new MfrHome(tmp);
        Path onnx = shared.models().resolve("fr_feature.onnx");
        ModelSpec s = new ModelInstaller(home).register(onnx, new ModelSpec("my_model", ModelTask.EMBEDDER, "x", 112, 112,
                ChannelOrder.RGB, 127.5, 127.5, null, "MIT", null, "test"));
        assertThat(s.sha256()).isEqualTo(DefaultModels.SPECS.get(2).sha256());
        assertThat(ModelManifest.read(home.models()).require("my_model", ModelTask.EMBEDDER).file()).isEqualTo("my_model.onnx");
        assertThatThrownBy(() -> ModelManifest.read(home.models()).require("my_model", ModelTask.DETECTOR))
                .hasMessageContaining("not a DETECTOR");
    }
}
