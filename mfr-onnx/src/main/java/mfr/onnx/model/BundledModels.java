package mfr.onnx.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.io.AtomicFile;

/**
 * Models that mfr trained itself and ships inside its jar (resources under {@code mfr/models/bundled/}): for each id
 * in {@code index.txt}, {@code <id>.onnx} and {@code <id>.json}, which holds the {@link ModelSpec} (with the
 * file's sha256) under {@code "spec"}, optionally the calibrated operating points under {@code "operatingPoints"},
 * and how the model was made under {@code "training"}. {@link ModelInstaller} installs them next to the default
 * models, checking the digest, so {@code --embedder <id>} selects them and the originals stay available.
 */
public final class BundledModels {
    static final String ROOT = "mfr/models/bundled/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One bundled model: its spec and its description file. */
    public record Bundled(ModelSpec spec, JsonNode description) {
    }

    private BundledModels() {
    }

    /** The bundled models of this build (none when the index is absent). */
    public static List<Bundled> list() {
        List<Bundled> out = new ArrayList<>();
        byte[] index = resource("index.txt");
        if (index == null) {
            return out;
        }
        for (String line : new String(index, StandardCharsets.UTF_8).split("\n")) {
            String id = line.strip();
            if (id.isEmpty() || id.startsWith("#")) {
                continue;
            }
            byte[] json = resource(id + ".json");
            if (json == null) {
                throw new MfrException(ErrorCode.MODEL, "bundled model " + id + ": " + ROOT + id + ".json missing");
            }
            try {
                JsonNode d = JSON.readTree(json);
                ModelSpec spec = JSON.treeToValue(d.get("spec"), ModelSpec.class);
                if (!spec.id().equals(id) || spec.sha256() == null) {
                    throw new MfrException(ErrorCode.MODEL, "bundled model " + id + ": spec id or sha256 missing");
                }
                out.add(new Bundled(spec, d));
            } catch (IOException e) {
                throw new MfrException(ErrorCode.MODEL, "bundled model " + id + ": unreadable description: "
                        + e.getMessage());
            }
        }
        return out;
    }

    /** Whether {@code b} is installed in {@code models} with the right digest recorded. */
    static boolean installed(Path models, ModelManifest m, Bundled b) {
        return m.find(b.spec().id()).map(s -> b.spec().sha256().equals(s.sha256())).orElse(false)
                && Files.isRegularFile(models.resolve(b.spec().file()));
    }

    /**
     * Writes the model file (after checking its sha256 against the spec) and its operating points into
     * {@code models}; returns the manifest with the spec added. It runs only when the model is missing or its
     * weights changed, so calibration files of other weights are replaced by the shipped ones.
     */
    static ModelManifest install(Path models, ModelManifest m, Bundled b) {
        byte[] onnx = resource(b.spec().id() + ".onnx");
        if (onnx == null) {
            throw new MfrException(ErrorCode.MODEL, "bundled model " + b.spec().id() + ": " + ROOT + b.spec().id()
                    + ".onnx missing from this build");
        }
        String sha = NpmPackage.sha256Hex(onnx);
        if (!sha.equals(b.spec().sha256())) {
            throw new MfrException(ErrorCode.MODEL, "bundled model " + b.spec().id() + " has sha256 " + sha
                    + ", its manifest says " + b.spec().sha256() + "; not installed");
        }
        AtomicFile.write(models.resolve(b.spec().file()), onnx);
        JsonNode points = b.description().get("operatingPoints");
        Path pointsFile = models.resolve("operating-points").resolve(b.spec().id() + ".json");
        if (points != null && !points.isNull()) {
            try {
                AtomicFile.write(pointsFile, JSON.writeValueAsBytes(points));
            } catch (IOException e) {
                throw new MfrException(ErrorCode.IO, "cannot write " + pointsFile + ": " + e.getMessage());
            }
        }
        return m.with(b.spec());
    }

    private static byte[] resource(String name) {
        try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read resource " + ROOT + name + ": " + e.getMessage());
        }
    }
}
