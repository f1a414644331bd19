package mfr.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the read-only datasets: {@code $MFR_DATA} (or system property {@code mfr.data}) when set, else
 * {@code ../shared/data} beside the repository root (system property {@code mfr.repo.root}, else the working
 * directory and its parents).
 */
public final class SharedData {
    private SharedData() {
    }

    public static Optional<Path> root() {
        String env = System.getenv("MFR_DATA");
        if (env == null || env.isBlank()) {
            env = System.getProperty("mfr.data");
        }
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        String repo = System.getProperty("mfr.repo.root");
        Path start = (repo == null || repo.isBlank() ? Path.of("") : Path.of(repo)).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (p.getParent() != null && Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A dataset folder such as {@code lfw-deepfunneled}, when present. */
    public static Optional<Path> dataset(String name) {
        return root().map(r -> r.resolve(name)).filter(Files::isDirectory);
    }

    /** Why a dataset is missing, for skip messages. */
    public static String missingReason(String name) {
        return "dataset " + name + " not found: set MFR_DATA to the folder holding it (default ../shared/data beside"
                + " the repository)";
    }
}
