package mfr.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void writesWholeFilesReadableByOthers(@TempDir Path dir) throws Exception {
        Path f = AtomicFile.writeString(dir.resolve("sub/report.txt"), "hello");
        assertThat(f).hasContent("hello");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
    }

    @Test
    void aFailedWriteKeepsThePreviousVersionAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = AtomicFile.writeString(dir.resolve("a.txt"), "old");
        assertThatThrownBy(() -> AtomicFile.write(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        })).isInstanceOf(MfrException.class).hasMessageContaining("disk full");
        assertThat(f).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }
}
