package mfr.train.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.model.MfrHome;
import mfr.onnx.model.ModelInstaller;
import mfr.onnx.model.ModelManifest;
import mfr.onnx.model.ModelSpec;
import mfr.onnx.model.ModelTask;
import mfr.train.nn.Network;
import mfr.train.onnx.OnnxImporter;

/**
 * Resolves {@code model.backbone}: a backbone name ({@link Backbones}), {@code onnx:FILE} (an ONNX embedding model
 * on disk) or {@code onnx:ID} (an embedder of the installed model manifest, such as the default {@code fr_feature}).
 */
public final class BackboneSource {
    private BackboneSource() {
    }

    public static Network open(String backbone, int embedding, long seed) {
        if (!backbone.startsWith("onnx:")) {
            return Backbones.create(backbone, embedding, seed);
        }
        String ref = backbone.substring("onnx:".length());
        Path file = Path.of(ref);
        if (!Files.isRegularFile(file)) {
            ModelInstaller installer = new ModelInstaller(MfrHome.resolve());
            ModelManifest m = installer.ensureInstalled();
            ModelSpec spec = m.find(ref).orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND, "model.backbone="
                    + backbone + ": no such ONNX file and no installed model with that id (installed: " + m.ids() + ")"));
            if (spec.task() != ModelTask.EMBEDDER) {
                throw new MfrException(ErrorCode.USAGE, "model " + ref + " is a " + spec.task() + ", not an embedder");
            }
            file = installer.home().models().resolve(spec.file());
        }
        Network net = OnnxImporter.load(file);
        if (embedding != 512) {
            net.close();
            throw new MfrException(ErrorCode.USAGE, "an imported ONNX backbone keeps its own embedding size; leave"
                    + " model.embedding at 512");
        }
        return net;
    }
}
