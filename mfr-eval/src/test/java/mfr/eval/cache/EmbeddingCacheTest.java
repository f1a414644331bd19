package mfr.eval.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @Test
    void embedsEachImageOncePerModelAndReusesItAcrossRuns(@TempDir Path tmp) throws Exception {
        Path a = Files.writeString(tmp.resolve("a.jpg"), "image a");
        Path b = Files.writeString(tmp.resolve("b.jpg"), "image b");
        Path copyOfA = Files.writeString(tmp.resolve("copy.jpg"), "image a");
        Path blank = Files.writeString(tmp.resolve("blank.jpg"), "no face here");
        AtomicInteger calls = new AtomicInteger();
        EmbeddingCache.Extractor ex = p -> {
            calls.incrementAndGet();
            if (p.equals(blank)) {
                throw new MfrException(ErrorCode.NO_FACE, p + ": no face found");
            }
            String s = Files.exists(p) ? p.getFileName().toString() : "";
            return new float[] {s.length(), 1, 2};
        };
        Path dir = tmp.resolve("cache");
        EmbeddingCache.Lookup first = EmbeddingCache.open(dir, "model:1234+det0.60").get(List.of(a, b, a, blank), ex, 2,
                i -> { });
        assertThat(calls.get()).isEqualTo(3);
        assertThat(first.computed()).isEqualTo(3);
        assertThat(first.vectors()).containsOnlyKeys(a, b);
        assertThat(first.failures()).containsOnlyKeys(blank);
        assertThat(first.failures().get(blank)).contains("no face found");

        // A new process: everything comes from the file, the copy of a too (same bytes).
        EmbeddingCache second = EmbeddingCache.open(dir, "model:1234+det0.60");
        assertThat(second.size()).isEqualTo(3);
        EmbeddingCache.Lookup again = second.get(List.of(a, b, blank, copyOfA), ex, 2, i -> { });
        assertThat(calls.get()).isEqualTo(3);
        assertThat(again.hits()).isEqualTo(4);
        assertThat(again.vectors().get(copyOfA)).containsExactly(first.vectors().get(a));
        assertThat(again.failures()).containsOnlyKeys(blank);

        // Another model does not see these entries; an edited file misses.
        EmbeddingCache other = EmbeddingCache.open(dir, "other:abcd+det0.60");
        assertThat(other.size()).isZero();
        Files.writeString(b, "image b, edited");
        EmbeddingCache.open(dir, "model:1234+det0.60").get(List.of(b), ex, 1, i -> { });
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void aTornLastRecordIsIgnored(@TempDir Path tmp) throws Exception {
        Path a = Files.writeString(tmp.resolve("a.jpg"), "a");
        EmbeddingCache c = EmbeddingCache.open(tmp, "m");
        c.get(List.of(a), p -> new float[] {1, 2, 3, 4}, 1, i -> { });
        byte[] bytes = Files.readAllBytes(c.file());
        Files.write(c.file(), java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThat(EmbeddingCache.open(tmp, "m").size()).isZero();
        Files.write(c.file(), bytes);
        assertThat(EmbeddingCache.open(tmp, "m").size()).isOne();
    }

    @Test
    void aMissingImageIsAFailureOfThatImageAndAModelErrorStopsTheRun(@TempDir Path tmp) throws Exception {
        EmbeddingCache c = EmbeddingCache.open(tmp, "m");
        Path here = Files.writeString(tmp.resolve("here.jpg"), "x");
        EmbeddingCache.Lookup l = c.get(List.of(tmp.resolve("gone.jpg"), here), p -> new float[1], 2, i -> { });
        assertThat(l.failures().get(tmp.resolve("gone.jpg"))).contains("gone.jpg: no such file");
        assertThat(l.vectors()).containsOnlyKeys(here);
        Path other = Files.writeString(tmp.resolve("other.jpg"), "y");
        assertThatThrownBy(() -> c.get(List.of(other), p -> {
            throw new MfrException(ErrorCode.MODEL, "model fr_feature missing");
        }, 1, i -> { })).isInstanceOf(MfrException.class).hasMessageContaining("model fr_feature missing");
    }
}
