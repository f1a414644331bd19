package mfr.server.recognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mfr.core.io.AtomicFile;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * The operating points of one embedding model, kept beside the model manifest as
 * {@code operating-points/<model>.json}. Written by {@code mfr calibrate}; for the default model, the values
 * measured on LFW (docs/server.md) are built in and used until a calibration file exists.
 */
public record OperatingPoints(String modelId, String defaultPoint, List<OperatingPoint> points) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * fr_feature, measured by {@code mfr calibrate} on LFW deep-funneled (../shared/data): the main face of the first
     * image of each of its 4,333 identities gives 9,385,278 impostor pairs; the 3,000 genuine pairs of View 2 give the
     * true-accept rates. FAR 1e-6 is left out: fewer than 10 impostor pairs would decide it.
     */
    private static final String LFW = "LFW deep-funneled, first image of 4333 identities: 9,385,278 impostor pairs; ";
    public static final Map<String, OperatingPoints> BUILT_IN = Map.of("fr_feature", new OperatingPoints("fr_feature",
            "far-1e-4", List.of(
                    new OperatingPoint("far-1e-2", 1e-2, 0.2418, LFW + "TAR 0.9890 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-3", 1e-3, 0.3328, LFW + "TAR 0.9810 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-4", 1e-4, 0.4080, LFW + "TAR 0.9660 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-5", 1e-5, 0.4759, LFW + "TAR 0.9327 on 3000 genuine pairs"))));

    public OperatingPoints {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no operating points for " + modelId);
        }
    }

    public static Path file(Path modelsDir, String modelId) {
        return modelsDir.resolve("operating-points").resolve(modelId + ".json");
    }

    /** The calibration file of the model when there is one, else the built-in values, else none. */
    public static Optional<OperatingPoints> load(Path modelsDir, String modelId) {
        Path f = file(modelsDir, modelId);
        if (Files.isRegularFile(f)) {
            try {
                return Optional.of(JSON.readValue(f.toFile(), OperatingPoints.class));
            } catch (IOException e) {
                throw new MfrException(ErrorCode.MODEL, f + ": unreadable operating points (" + e.getMessage()
                        + "); run 'mfr calibrate' again");
            }
        }
        return Optional.ofNullable(BUILT_IN.get(modelId));
    }

    public void write(Path modelsDir) {
        AtomicFile.write(file(modelsDir, modelId), tmp -> JSON.writeValue(tmp.toFile(), this));
    }

    /** The named point, or the default when {@code name} is null. */
    public OperatingPoint pick(String name) {
        String want = name == null || name.isBlank() ? defaultPoint : name;
        for (OperatingPoint p : points) {
            if (p.name().equals(want)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        points.forEach(p -> names.add(p.name()));
        throw new MfrException(ErrorCode.USAGE, "unknown operating point '" + want + "' for model " + modelId
                + "; choose one of " + names);
    }
}
