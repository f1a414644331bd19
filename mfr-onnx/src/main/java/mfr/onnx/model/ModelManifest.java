package mfr.onnx.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.io.AtomicFile;

/** The models installed in one directory, stored as {@code manifest.json} beside the files. */
public record ModelManifest(List<ModelSpec> models) {
    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelManifest {
        models = List.copyOf(models);
    }

    public static ModelManifest read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return new ModelManifest(List.of());
        }
        try {
            return JSON.readValue(f.toFile(), ModelManifest.class);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.MODEL, f + ": unreadable model manifest (" + e.getMessage()
                    + "); run 'mfr models install --force' to rebuild it");
        }
    }

    /** Writes atomically: a reader never sees a half-written manifest. */
    public void write(Path dir) {
        AtomicFile.write(dir.resolve(FILE), tmp -> JSON.writeValue(tmp.toFile(), this));
    }

    public Optional<ModelSpec> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public ModelSpec require(String id, ModelTask task) {
        ModelSpec spec = find(id).orElseThrow(() -> new MfrException(ErrorCode.MODEL,
                "model '" + id + "' is not installed; installed: " + ids() + ". Run 'mfr models install'"
                        + " or register it with 'mfr models register'"));
        if (spec.task() != task) {
            throw new MfrException(ErrorCode.MODEL, "model '" + id + "' is a " + spec.task() + ", not a " + task);
        }
        return spec;
    }

    public List<String> ids() {
        return models.stream().map(ModelSpec::id).toList();
    }

    /** This manifest with {@code spec} added, replacing any entry of the same id. */
    public ModelManifest with(ModelSpec spec) {
        List<ModelSpec> out = new ArrayList<>();
        for (ModelSpec m : models) {
            if (!m.id().equals(spec.id())) {
                out.add(m);
            }
        }
        out.add(spec);
        return new ModelManifest(out);
    }
}
