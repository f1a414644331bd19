package mfr.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Writes a file whole or not at all: into a temporary file beside it, then an atomic rename. A reader never sees a
 * half-written file, and a crash leaves the previous version. The file ends up readable by others (rw-r--r--), as an
 * ordinary file would, not private like a temporary one.
 */
public final class AtomicFile {
    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Body {
        void write(Path tmp) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code out} through {@code body}; returns its absolute path. */
    public static Path write(Path out, Body body) {
        Path abs = out.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            body.write(tmp);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the platform's default
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return abs;
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // renamed already, or gone with its directory
                }
            }
        }
    }

    public static Path write(Path out, byte[] bytes) {
        return write(out, tmp -> Files.write(tmp, bytes));
    }

    public static Path writeString(Path out, String text) {
        return write(out, text.getBytes(StandardCharsets.UTF_8));
    }
}
