package mfr.train.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Reads a training config: {@code key = value} lines, {@code #} comments, and an optional {@code base = FILE}
 * (relative to the file) whose values this file overrides; bases chain. Paths in values stay as written.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static Map<String, String> read(Path file) {
        return read(file, 0);
    }

    private static Map<String, String> read(Path file, int depth) {
        if (depth > 8) {
            throw new MfrException(ErrorCode.USAGE, file + ": 'base' chains more than 8 files deep (a cycle?)");
        }
        if (!Files.isRegularFile(file)) {
            throw new MfrException(ErrorCode.NOT_FOUND, file + ": no such config file");
        }
        Map<String, String> own = new LinkedHashMap<>();
        try {
            int n = 0;
            for (String raw : Files.readAllLines(file)) {
                n++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new MfrException(ErrorCode.USAGE, file + ":" + n + ": expected 'key = value', got '" + line + "'");
                }
                own.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        String base = own.remove("base");
        if (base != null) {
            Path parent = file.toAbsolutePath().getParent();
            out.putAll(read(parent.resolve(base), depth + 1));
        }
        out.putAll(own);
        return out;
    }

    /** Parses {@code key=value} overrides from the command line. */
    public static Map<String, String> overrides(Iterable<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new MfrException(ErrorCode.USAGE, "override '" + p + "' is not key=value");
            }
            out.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        return out;
    }
}
