package mfr.mask.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** An identity-folder dataset ({@code root/<identity>/<image>}), listed in a stable (sorted) order. */
public final class IdentityFolders {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

    private IdentityFolders() {
    }

    /** Every image file under {@code root}, sorted by identity then file name. */
    public static List<Path> images(Path root) {
        if (!Files.isDirectory(root)) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": not a folder (expected <identity>/<image> folders)");
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile).filter(p -> p.getParent() != null
                    && !p.getParent().equals(root)).filter(IdentityFolders::isImage).sorted().toList());
            return out;
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, root + ": cannot list: " + e.getMessage());
        }
    }

    /** At most {@code perIdentity} images of each identity, of at most {@code identities} identities (sorted). */
    public static List<Path> sample(Path root, int identities, int perIdentity) {
        List<Path> out = new ArrayList<>();
        String current = null;
        int ids = 0;
        int taken = 0;
        for (Path p : images(root)) {
            String id = p.getParent().getFileName().toString();
            if (!id.equals(current)) {
                if (ids == identities) {
                    break;
                }
                current = id;
                ids++;
                taken = 0;
            }
            if (taken < perIdentity) {
                out.add(p);
                taken++;
            }
        }
        return out;
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
