package mfr.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.image.ImageLoader;
import mfr.core.image.RgbImage;

/**
 * One folder per identity (WebFace42M's layout): {@code root/<identity>/<image>.jpg|png}. Identities are numbered
 * in sorted folder-name order, images sorted by name; folders without images are skipped.
 */
public final class IdentityFolderDataset implements FaceDataset {
    private final Path root;
    private final List<Path> files;
    private final int[] labels;
    private final List<String> identities;
    private final ImageLoader loader = new ImageLoader();

    private IdentityFolderDataset(Path root, List<Path> files, int[] labels, List<String> identities) {
        this.root = root;
        this.files = files;
        this.labels = labels;
        this.identities = identities;
    }

    public static IdentityFolderDataset open(Path root) {
        return open(root, Integer.MAX_VALUE);
    }

    /** At most {@code maxIdentities} identities (the first in sorted order). */
    public static IdentityFolderDataset open(Path root, int maxIdentities) {
        if (!Files.isDirectory(root)) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no such dataset folder (expected one folder per identity)");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (ids.size() >= maxIdentities) {
                    break;
                }
                List<Path> imgs;
                try (Stream<Path> f = Files.list(dir)) {
                    imgs = f.filter(IdentityFolderDataset::isImage).sorted().toList();
                }
                if (imgs.isEmpty()) {
                    continue;
                }
                int label = ids.size();
                ids.add(dir.getFileName().toString());
                for (Path p : imgs) {
                    files.add(p);
                    labels.add(label);
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, root + ": cannot list the dataset: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no images in identity folders (jpg, jpeg, png)");
        }
        return new IdentityFolderDataset(root, files, labels.stream().mapToInt(Integer::intValue).toArray(), ids);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png"));
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public int numClasses() {
        return identities.size();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    public Path file(int index) {
        return files.get(index);
    }

    public List<String> identities() {
        return identities;
    }

    @Override
    public RgbImage image(int index) {
        return loader.load(files.get(index)).image();
    }

    @Override
    public String describe() {
        return "identity folders " + root + " (" + numClasses() + " identities, " + size() + " images)";
    }
}
