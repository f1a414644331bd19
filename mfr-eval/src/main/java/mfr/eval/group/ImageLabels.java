package mfr.eval.group;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Attributes of images (mask, gender, age band, ethnicity...), read from a CSV file whose header is
 * {@code image,attr1,attr2,...}; an image is named by its path relative to the dataset root or by its file name.
 * Also reads the label files that ship with the datasets: the LFW gender lists and {@code mfr2_labels.txt}.
 */
public final class ImageLabels {
    private final Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
    private final Set<String> attributes = new LinkedHashSet<>();

    public Set<String> attributes() {
        return attributes;
    }

    public int size() {
        return byKey.size();
    }

    public void put(String image, String attribute, String value) {
        attributes.add(attribute);
        byKey.computeIfAbsent(image.replace('\\', '/'), k -> new TreeMap<>()).put(attribute, value);
    }

    /** The value of {@code attribute} for an image under {@code root}, or null when unlabelled. */
    public String get(Path root, Path image, String attribute) {
        if (root != null && image.startsWith(root)) {
            Map<String, String> m = byKey.get(root.relativize(image).toString().replace('\\', '/'));
            if (m != null && m.containsKey(attribute)) {
                return m.get(attribute);
            }
        }
        Map<String, String> m = byKey.get(image.getFileName().toString());
        return m == null ? null : m.get(attribute);
    }

    /** Merges another set of labels into this one. */
    public ImageLabels with(ImageLabels other) {
        other.byKey.forEach((k, m) -> m.forEach((a, v) -> put(k, a, v)));
        return this;
    }

    public static ImageLabels csv(Path file) {
        List<String> lines = read(file);
        ImageLabels l = new ImageLabels();
        if (lines.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, file + ": empty labels file; expected a header 'image,attr1,...'");
        }
        String[] header = lines.get(0).split(",", -1);
        if (header.length < 2 || !header[0].strip().equalsIgnoreCase("image")) {
            throw new MfrException(ErrorCode.USAGE, file + ":1: the header must be 'image,<attribute>,...', got '"
                    + lines.get(0) + "'");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new MfrException(ErrorCode.USAGE, file + ":" + (i + 1) + ": " + f.length + " fields, the header has "
                        + header.length);
            }
            for (int a = 1; a < f.length; a++) {
                if (!f[a].isBlank()) {
                    l.put(f[0].strip(), header[a].strip(), f[a].strip());
                }
            }
        }
        return l;
    }

    /**
     * LFW's {@code labels/female_names.txt} and {@code labels/male_names.txt}: attribute {@code gender}. The few
     * images listed in both (5 in the published lists) are left unlabelled.
     */
    public static ImageLabels lfwGender(Path lfwRoot) {
        Map<String, String> gender = new LinkedHashMap<>();
        Set<String> both = new java.util.HashSet<>();
        for (String g : new String[] {"female", "male"}) {
            Path f = lfwRoot.resolve("labels").resolve(g + "_names.txt");
            for (String line : read(f)) {
                String name = line.strip();
                if (!name.isEmpty() && gender.putIfAbsent(name, g) != null && !gender.get(name).equals(g)) {
                    both.add(name);
                }
            }
        }
        ImageLabels l = new ImageLabels();
        gender.forEach((image, g) -> {
            if (!both.contains(image)) {
                l.put(image, "gender", g);
            }
        });
        return l;
    }

    /**
     * MFR2's {@code mfr2_labels.txt} ({@code Name, i, type}): attributes {@code mask} (masked or unmasked) and
     * {@code mask_type} (no-mask, surgical_blue, N95...).
     */
    public static ImageLabels mfr2(Path mfr2Root) {
        Path f = mfr2Root.resolve("mfr2_labels.txt");
        ImageLabels l = new ImageLabels();
        int no = 0;
        for (String line : read(f)) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split("\\s*,\\s*");
            if (p.length != 3) {
                throw new MfrException(ErrorCode.USAGE, f + ":" + no + ": expected 'Name, i, type'");
            }
            String name = p[0].strip();
            String image = name + "/" + String.format("%s_%04d.png", name, Integer.parseInt(p[1].strip()));
            String type = p[2].strip();
            l.put(image, "mask", type.equals("no-mask") ? "unmasked" : "masked");
            l.put(image, "mask_type", type);
        }
        return l;
    }

    private static List<String> read(Path f) {
        try {
            return new ArrayList<>(Files.readAllLines(f));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MfrException(ErrorCode.NOT_FOUND, f + ": no such labels file");
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read " + f + ": " + e.getMessage());
        }
    }
}
