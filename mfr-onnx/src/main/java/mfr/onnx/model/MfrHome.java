package mfr.onnx.model;

import java.nio.file.Path;

/**
 * Where mfr keeps its state: {@code $MFR_HOME}, else the system property {@code mfr.home}, else {@code ~/.mfr}.
 * Models live in {@code models/}, demo images in {@code samples/}.
 */
public record MfrHome(Path root) {
    public static MfrHome resolve() {
        String env = System.getenv("MFR_HOME");
        if (env != null && !env.isBlank()) {
            return new MfrHome(Path.of(env));
        }
        String prop = System.getProperty("mfr.home");
        if (prop != null && !prop.isBlank()) {
            return new MfrHome(Path.of(prop));
        }
        return new MfrHome(Path.of(System.getProperty("user.home"), ".mfr"));
    }

    public Path models() {
        return root.resolve("models");
    }

    public Path samples() {
        return root.resolve("samples");
    }
}
