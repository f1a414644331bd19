package mfr.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** People of LFW with at least {@code min} photos, in name order: real faces for enrollment and identification. */
public final class LfwPeople {
    public record Person(String name, List<Path> photos) {
    }

    private LfwPeople() {
    }

    public static List<Person> withAtLeast(Path lfw, int min, int count) {
        List<Person> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(lfw)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> fs = Files.list(d)) {
                    List<Path> photos = fs.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
                    if (photos.size() >= min) {
                        out.add(new Person(d.getFileName().toString(), photos));
                    }
                }
                if (out.size() == count) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
