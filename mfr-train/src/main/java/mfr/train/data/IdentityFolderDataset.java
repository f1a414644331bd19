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
    private String note = "";

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

    /**
     * The images of a {@code path,label} list (a header line is skipped; {@code mfr clean}'s cleaned.csv), found in
     * this dataset by identity folder and file name without extension (so a list made on the original images
     * selects their aligned crops), labelled by the list's labels in sorted order. Listed images that this
     * dataset does not hold (no face when aligned) are left out and counted in the log line of {@link #describe()}.
     */
    public IdentityFolderDataset restrictTo(Path listFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.NOT_FOUND, "data.list " + listFile + ": cannot read: " + e.getMessage());
        }
        java.util.Map<String, Integer> byKey = new java.util.HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byKey.put(key(files.get(i)), i);
        }
        java.util.TreeMap<String, List<Integer>> members = new java.util.TreeMap<>();
        int listed = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || (n == 0 && line.equalsIgnoreCase("path,label"))) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            if (comma <= 0 || comma == line.length() - 1) {
                throw new MfrException(ErrorCode.USAGE, "data.list " + listFile + " line " + (n + 1)
                        + ": expected 'path,label', got '" + line + "'");
            }
            listed++;
            Integer index = byKey.get(key(Path.of(unquote(line.substring(0, comma)))));
            if (index != null) {
                members.computeIfAbsent(unquote(line.substring(comma + 1)), k -> new ArrayList<>()).add(index);
            }
        }
        if (members.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, "data.list " + listFile + ": none of its " + listed
                    + " images is in " + root + " (images are matched by identity folder and file name)");
        }
        List<Path> keptFiles = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        for (List<Integer> m : members.values()) {
            int label = keptLabels.isEmpty() ? 0 : keptLabels.get(keptLabels.size() - 1) + 1;
            for (int i : m) {
                keptFiles.add(files.get(i));
                keptLabels.add(label);
            }
        }
        IdentityFolderDataset out = new IdentityFolderDataset(root, keptFiles,
                keptLabels.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(members.keySet()));
        out.note = ", restricted to " + listFile + " (" + keptFiles.size() + " of " + listed + " listed images found)";
        return out;
    }

    /** identity folder + "/" + file name without extension: how an image is matched across copies of a dataset. */
    public static String key(Path file) {
        Path parent = file.getParent();
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        return (parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString()) + "/" + name;
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t;
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

    public Path root() {
        return root;
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
        return "identity folders " + root + " (" + numClasses() + " identities, " + size() + " images)" + note;
    }
}
