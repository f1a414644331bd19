package mfr.train.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.image.ImageLoader;
import mfr.core.image.RgbImage;

/**
 * Masked copies ("twins") of a training set's images: folders with the same identity/file layout whose faces wear a
 * synthetic mask (rendered by mfr-mask's {@code mfr mask} and aligned like the originals). With probability
 * {@link #ratio()} the loader replaces a sample by one of its twins, drawn uniformly; a sample without a twin (no
 * face found after masking) stays unmasked. The label and the distillation target stay those of the original, so a
 * masked twin is trained towards its own face's unmasked embedding.
 */
public final class MaskTwins {
    private final double ratio;
    private final Path[][] twins;
    private final int withTwin;
    private final ImageLoader loader = new ImageLoader();

    private MaskTwins(double ratio, Path[][] twins, int withTwin) {
        this.ratio = ratio;
        this.twins = twins;
        this.withTwin = withTwin;
    }

    /**
     * Matches every sample of {@code data} with its images in {@code folders} by identity folder and file name, or by
     * file name alone when the identity folder differs (a cleaned set whose merged identities were renamed) and the
     * name is unique among the twins.
     */
    public static MaskTwins find(IdentityFolderDataset data, List<Path> folders, double ratio) {
        Map<String, List<Path>> byKey = new HashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new MfrException(ErrorCode.NOT_FOUND, "data.maskedPath: " + folder + " is not a folder");
            }
            try (Stream<Path> files = Files.walk(folder, 2)) {
                files.filter(IdentityFolderDataset::isImage)
                        .forEach(p -> byKey.computeIfAbsent(IdentityFolderDataset.key(p), k -> new ArrayList<>()).add(p));
            } catch (java.io.IOException e) {
                throw new MfrException(ErrorCode.IO, "data.maskedPath: cannot list " + folder + ": " + e.getMessage());
            }
        }
        Map<String, List<String>> keysByName = new HashMap<>();
        byKey.keySet().forEach(k -> keysByName.computeIfAbsent(k.substring(k.indexOf('/') + 1),
                n -> new ArrayList<>()).add(k));
        Path[][] twins = new Path[data.size()][];
        int with = 0;
        for (int i = 0; i < data.size(); i++) {
            String key = IdentityFolderDataset.key(data.file(i));
            List<Path> t = byKey.get(key);
            if (t == null) {
                List<String> same = keysByName.getOrDefault(key.substring(key.indexOf('/') + 1), List.of());
                t = same.size() == 1 ? byKey.get(same.get(0)) : List.of();
            }
            twins[i] = t.stream().sorted().toArray(Path[]::new);
            with += twins[i].length > 0 ? 1 : 0;
        }
        if (with == 0) {
            throw new MfrException(ErrorCode.USAGE, "data.maskedPath " + folders + ": no image matches the training set"
                    + " by identity folder and file name");
        }
        return new MaskTwins(ratio, twins, with);
    }

    public double ratio() {
        return ratio;
    }

    /** How many samples have at least one twin. */
    public int samplesWithTwin() {
        return withTwin;
    }

    /**
     * Draws whether sample {@code index} is masked this time (consuming {@code r} the same way whatever the answer)
     * and returns its twin, or null to use the original.
     */
    public RgbImage draw(int index, SplittableRandom r) {
        boolean mask = r.nextDouble() < ratio;
        int pick = r.nextInt(1 << 20);
        Path[] t = twins[index];
        if (!mask || t.length == 0) {
            return null;
        }
        return loader.load(t[pick % t.length]).image();
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "masked twins for %d of %d samples, used with probability %.2f",
                withTwin, twins.length, ratio);
    }
}
