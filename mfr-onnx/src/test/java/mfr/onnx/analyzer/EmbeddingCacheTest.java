package mfr.onnx.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import mfr.core.face.Embedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    private static final String A = "aa".repeat(32);
    private static final String B = "bb".repeat(32);

    @Test
    void persistsAcrossOpensAndCutsATornRecord(@TempDir Path dir) throws Exception {
        try (EmbeddingCache c = new EmbeddingCache(dir, "m:1", "m:1")) {
            c.put(A, Embedding.normalized(new float[] {3, 4}, "m:1"));
            c.put(B, Embedding.normalized(new float[] {1, 0}, "m:1"));
        }
        Path file = dir.resolve("m_1.emb");
        // A crash in the middle of a third record leaves a torn tail.
        Files.write(file, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.APPEND);
        try (EmbeddingCache c = new EmbeddingCache(dir, "m:1", "m:1")) {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.get(A).vector()).containsExactly(0.6f, 0.8f);
            assertThat(c.get(A).modelId()).isEqualTo("m:1");
            assertThat(c.get("cc".repeat(32))).isNull();
            c.put("cc".repeat(32), Embedding.normalized(new float[] {0, 2}, "m:1"));
        }
        try (EmbeddingCache c = new EmbeddingCache(dir, "m:1", "m:1")) {
            assertThat(c.size()).isEqualTo(3);
        }
        assertThat(Files.size(file)).isEqualTo(3 * (32 + 4 + 2 * 4));
    }
}
