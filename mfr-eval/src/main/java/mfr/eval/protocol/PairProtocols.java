package mfr.eval.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mfr.core.dataset.ImagePair;
import mfr.core.dataset.PairsFile;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** The pair protocols: LFW View 2, MFR2, and any pairs file in their format. */
public final class PairProtocols {
    private PairProtocols() {
    }

    /** LFW View 2: {@code pairs.txt} under the LFW root, 10 folds of 300 same and 300 different pairs. */
    public static List<ImagePair> lfw(Path root) {
        return read(root.resolve("pairs.txt"), root, "jpg");
    }

    /** MFR2: {@code pairs.txt} under the MFR2 root, PNG images, one fold. */
    public static List<ImagePair> mfr2(Path root) {
        return read(root.resolve("pairs.txt"), root, "png");
    }

    /**
     * Any pairs file ({@code Name i j} / {@code Name1 i Name2 j}, optional header {@code K N}: K folds of N same and N different pairs). A null extension
     * is found by looking for the first pair's image as .jpg, .png, .jpeg, .bmp or .webp.
     */
    public static List<ImagePair> read(Path pairsFile, Path root, String extension) {
        if (!Files.isRegularFile(pairsFile)) {
            throw new MfrException(ErrorCode.NOT_FOUND, pairsFile + ": no such pairs file");
        }
        if (!Files.isDirectory(root)) {
            throw new MfrException(ErrorCode.NOT_FOUND, root + ": no such image folder");
        }
        String ext = extension;
        if (ext == null) {
            List<ImagePair> probe = PairsFile.read(pairsFile, root, "jpg");
            if (probe.isEmpty()) {
                throw new MfrException(ErrorCode.USAGE, pairsFile + ": no pairs in the file");
            }
            Path first = probe.get(0).first();
            String stem = first.getFileName().toString().replaceFirst("\\.jpg$", "");
            ext = "jpg";
            for (String e : new String[] {"jpg", "png", "jpeg", "bmp", "webp"}) {
                if (Files.isRegularFile(first.resolveSibling(stem + "." + e))) {
                    ext = e;
                    break;
                }
            }
        }
        List<ImagePair> pairs = PairsFile.read(pairsFile, root, ext);
        if (pairs.isEmpty()) {
            throw new MfrException(ErrorCode.USAGE, pairsFile + ": no pairs in the file");
        }
        return pairs;
    }

    public static int folds(List<ImagePair> pairs) {
        return pairs.stream().mapToInt(ImagePair::fold).max().orElse(0) + 1;
    }
}
