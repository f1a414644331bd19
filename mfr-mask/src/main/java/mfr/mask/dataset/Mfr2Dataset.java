package mfr.mask.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * MFR2 (real masked faces): {@code mfr2_labels.txt} lines {@code Identity, index, mask_type} and images
 * {@code <Identity>/<Identity>_NNNN.png}. Images whose file is missing are left out.
 */
public record Mfr2Dataset(Path root, List<Entry> entries) {

    /** One labelled image; {@code label} is {@code no-mask} or a mask type such as {@code surgical_blue}. */
    public record Entry(String identity, int index, String label, Path file) {
        public boolean masked() {
            return !"no-mask".equals(label);
        }
    }

    public static Mfr2Dataset load(Path root) {
        Path labels = root.resolve("mfr2_labels.txt");
        if (!Files.isRegularFile(labels)) {
            throw new MfrException(ErrorCode.NOT_FOUND, labels + ": no MFR2 labels file (expected the MFR2 folder with"
                    + " mfr2_labels.txt; set MFR_DATA or pass --data)");
        }
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(labels)) {
                String[] f = line.split(",");
                if (f.length != 3) {
                    continue;
                }
                String id = f[0].trim();
                int idx = Integer.parseInt(f[1].trim());
                Path file = root.resolve(id).resolve(String.format("%s_%04d.png", id, idx));
                if (Files.isRegularFile(file)) {
                    out.add(new Entry(id, idx, f[2].trim(), file));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new MfrException(ErrorCode.IO, labels + ": cannot read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no MFR2 images found");
        }
        return new Mfr2Dataset(root, List.copyOf(out));
    }

    public List<Entry> masked() {
        return entries.stream().filter(Entry::masked).toList();
    }

    public List<Entry> unmasked() {
        return entries.stream().filter(e -> !e.masked()).toList();
    }

    /** Entries grouped by identity, in file order. */
    public Map<String, List<Entry>> byIdentity() {
        Map<String, List<Entry>> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.computeIfAbsent(e.identity(), k -> new ArrayList<>()).add(e);
        }
        return m;
    }
}
