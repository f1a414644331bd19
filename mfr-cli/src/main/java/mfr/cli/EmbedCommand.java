package mfr.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import mfr.core.face.Embedding;
import mfr.core.face.Face;
import mfr.onnx.analyzer.FaceAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Embed the main face (largest box) of an image: a unit-length 512-d vector tagged with its model.",
            "JSON goes to stdout; --format raw writes 512 little-endian float32 values to -o FILE.",
            "Example: mfr embed photo.jpg --format raw -o photo.f32"})
public final class EmbedCommand implements Callable<Integer> {
    enum Format { json, raw }

    @Parameters(paramLabel = "IMAGE", description = "input image")
    Path image;

    @Option(names = "--format", defaultValue = "json", description = "json or raw (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout (required for raw)")
    Path output;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (format == Format.raw && output == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--format raw needs -o FILE (binary output is not written to a terminal)");
        }
        try (FaceAnalyzer fa = models.open()) {
            var img = fa.load(image);
            Face f = fa.mainFace(img);
            Embedding e = f.embedding();
            if (format == Format.raw) {
                ByteBuffer buf = ByteBuffer.allocate(e.dimension() * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : e.vector()) {
                    buf.putFloat(v);
                }
                Outputs.writeBytes(buf.array(), output);
                return 0;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("image", image.toString());
            out.put("model", e.modelId());
            out.put("face", Json.face(f, img.subsampling(), false));
            out.put("embedding", e.vector());
            String text = Json.write(out);
            if (output != null) {
                Outputs.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), output);
            } else {
                System.out.println(text);
            }
        }
        return 0;
    }
}
