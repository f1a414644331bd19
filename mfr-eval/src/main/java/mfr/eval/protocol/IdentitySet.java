package mfr.eval.protocol;

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
 * An identity-folder set: one sub-folder per identity holding its images (the layout of LFW, MFR2, CelebA subsets
 * and the MFR challenge sets). Images are listed in name order; {@code label[i]} is the identity index of image i.
 */
public record IdentitySet(Path root, List<String> identities, List<Path> images, int[] labels) {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".webp");

    /** Scans {@code root}, keeping identities with at least {@code minImages} images. */
    public static IdentitySet scan(Path root, int minImages) {
        if (!Files.isDirectory(root)) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no such folder (expected one sub-folder per identity)");
        }
        List<String> ids = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(Files::isRegularFile).filter(IdentitySet::isImage).sorted().toList();
                }
                if (files.size() < Math.max(1, minImages)) {
                    continue;
                }
                int id = ids.size();
                ids.add(dir.getFileName().toString());
                for (Path f : files) {
                    images.add(f);
                    labels.add(id);
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot list " + root + ": " + e.getMessage());
        }
        if (ids.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, root + ": no identity folder with at least " + minImages
                    + " images (expected one sub-folder of images per identity)");
        }
        return new IdentitySet(root, List.copyOf(ids), List.copyOf(images),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The first {@code maxIdentities} identities (in name order), or all. */
    public IdentitySet limit(int maxIdentities) {
        if (maxIdentities <= 0 || maxIdentities >= identities.size()) {
            return this;
        }
        int end = 0;
        while (end < images.size() && labels[end] < maxIdentities) {
            end++;
        }
        return new IdentitySet(root, identities.subList(0, maxIdentities), images.subList(0, end),
                java.util.Arrays.copyOf(labels, end));
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }
}
