package mfr.server.recognition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 *
 * <p>{@code masked} holds the points for a masked probe (the mask classifier fires): calibrated on impostor pairs of
 * a synthetically masked face against an unmasked one, with the same names as the unmasked points. A file written
 * before they existed has none ({@code masked} empty): masked probes then use the unmasked points, with a note.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperatingPoints(String modelId, String defaultPoint, List<OperatingPoint> points,
                              List<OperatingPoint> masked) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * fr_feature, measured by {@code mfr calibrate} on LFW deep-funneled (../shared/data): the main face of the first
     * image of each of its 4,333 identities gives 9,385,278 impostor pairs; the 3,000 genuine pairs of View 2 give the
     * true-accept rates. FAR 1e-6 is left out: fewer than 10 impostor pairs would decide it.
     */
    private static final String LFW = "LFW deep-funneled, first image of 4333 identities: 9,385,278 impostor pairs; ";
    /**
     * The masked points, measured by the same {@code mfr calibrate}: each of those 4,333 first images with a synthetic
     * mask (mfr-mask's renderer, type and shape seeded by seed 1 and the file name, as {@code mfr eval lfw
     * --mask-one-side}) against the other 4,332 unmasked: 18,770,556 impostor pairs; the genuine pairs of View 2 with
     * their second image masked give the true-accept rates.
     */
    private static final String MASKED = "LFW deep-funneled, first image of 4333 identities, each masked (synthetic,"
            + " seed 1) against the others unmasked: 18,770,556 impostor pairs; second image of the genuine pairs masked: ";
    public static final Map<String, OperatingPoints> BUILT_IN = Map.of("fr_feature", new OperatingPoints("fr_feature",
            "far-1e-4", List.of(
                    new OperatingPoint("far-1e-2", 1e-2, 0.2418, LFW + "TAR 0.9890 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-3", 1e-3, 0.3328, LFW + "TAR 0.9810 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-4", 1e-4, 0.4080, LFW + "TAR 0.9660 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-5", 1e-5, 0.4759, LFW + "TAR 0.9327 on 3000 genuine pairs")), List.of(
                    new OperatingPoint("far-1e-2", 1e-2, 0.2284, MASKED + "TAR 0.7980 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-3", 1e-3, 0.3116, MASKED + "TAR 0.5990 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-4", 1e-4, 0.3807, MASKED + "TAR 0.3993 on 3000 genuine pairs"),
                    new OperatingPoint("far-1e-5", 1e-5, 0.4401, MASKED + "TAR 0.2193 on 3000 genuine pairs"))));

    /** A mask probability at or above this makes a probe masked. */
    public static final double MASKED_PROBABILITY = 0.5;

    /**
     * The point a decision uses.
     *
     * @param point  its threshold decides
     * @param masked the probe was taken as masked
     * @param set    "masked" when {@code point} is a masked operating point, else "unmasked"
     * @param note   why a masked probe got an unmasked point, or null
     */
    public record Choice(OperatingPoint point, boolean masked, String set, String note) {
    }

    @JsonCreator
    public OperatingPoints {
        points = List.copyOf(points);
        masked = masked == null ? List.of() : List.copyOf(masked);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no operating points for " + modelId);
        }
    }

    public OperatingPoints(String modelId, String defaultPoint, List<OperatingPoint> points) {
        this(modelId, defaultPoint, points, List.of());
    }

    public OperatingPoints withMasked(List<OperatingPoint> maskedPoints) {
        return new OperatingPoints(modelId, defaultPoint, points, maskedPoints);
    }

    /**
     * The point named {@code name} (the default when null) for a probe that is {@code masked} or not: a masked probe
     * gets the masked point of that name when one was calibrated, else the unmasked one with a note.
     */
    public Choice choose(String name, boolean masked) {
        OperatingPoint p = pick(name);
        if (!masked) {
            return new Choice(p, false, "unmasked", null);
        }
        for (OperatingPoint m : this.masked) {
            if (m.name().equals(p.name())) {
                return new Choice(m, true, "masked", null);
            }
        }
        return new Choice(p, true, "unmasked", this.masked.isEmpty()
                ? "no masked operating points calibrated for model " + modelId + " ('mfr calibrate' adds them):"
                        + " the unmasked threshold is used"
                : "no masked operating point " + p.name() + " for model " + modelId + ": the unmasked threshold is used");
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
