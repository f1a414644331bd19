package mfr.data.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * The identity-folder layout (WebFace42M's, LFW's, CelebA crops'): {@code root/<identity>/<image>}. Images are
 * JPEG, PNG, BMP or WebP files; other files are ignored. Identities and images come in name order.
 *
 * @param root       the dataset folder
 * @param identities identity names
 * @param images     per identity, its image files
 */
public record IdentityFolder(Path root, List<String> identities, List<List<Path>> images) {
    public static IdentityFolder scan(Path root, int minImages) {
        if (!Files.isDirectory(root)) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": not a directory (expected root/<identity>/<image>)");
        }
        List<String> ids = new ArrayList<>();
        List<List<Path>> imgs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> files;
                try (Stream<Path> f = Files.list(d)) {
                    files = f.filter(Files::isRegularFile).filter(IdentityFolder::isImage).sorted().toList();
                }
                if (files.size() >= minImages) {
                    ids.add(d.getFileName().toString());
                    imgs.add(files);
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, root + ": cannot list (" + e.getMessage() + ")");
        }
        if (ids.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, root + ": no identity folder with at least " + minImages + " images");
        }
        return new IdentityFolder(root, List.copyOf(ids), List.copyOf(imgs));
    }

    public static boolean isImage(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|webp)$");
    }

    public int imageCount() {
        return images.stream().mapToInt(List::size).sum();
    }
}
