package mfr.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Reads pairs files in the LFW format: lines {@code Name i j} (same person) and {@code Name1 i Name2 j} (different),
 * image {@code root/Name/Name_000i.ext}. The LFW View 2 header line ({@code 10 300}) sets the fold size; without it,
 * or with View 1's one-number header ({@code 500}), every pair is fold 0. Fields may be separated by tabs, spaces or commas.
 */
public final class PairsFile {
    private PairsFile() {
    }

    public static List<ImagePair> read(Path pairsFile, Path imageRoot, String extension) {
        List<String> lines;
        try {
            lines = Files.readAllLines(pairsFile);
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot read pairs file " + pairsFile + ": " + e.getMessage());
        }
        List<ImagePair> out = new ArrayList<>();
        int perFold = Integer.MAX_VALUE;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("[\\s,]+");
            try {
                if (f.length == 2 && out.isEmpty() && lineNo == 1) {
                    perFold = 2 * Integer.parseInt(f[1]);
                    continue;
                }
                if (f.length == 1 && out.isEmpty() && lineNo == 1) {
                    Integer.parseInt(f[0]); // LFW View 1 header (pairsDevTrain/DevTest.txt): pairs per kind, one fold
                    continue;
                }
                int fold = perFold == Integer.MAX_VALUE ? 0 : out.size() / perFold;
                if (f.length == 3) {
                    out.add(new ImagePair(image(imageRoot, f[0], f[1], extension), image(imageRoot, f[0], f[2], extension),
                            true, fold));
                } else if (f.length == 4) {
                    out.add(new ImagePair(image(imageRoot, f[0], f[1], extension), image(imageRoot, f[2], f[3], extension),
                            false, fold));
                } else {
                    throw new NumberFormatException("expected 3 or 4 fields");
                }
            } catch (NumberFormatException e) {
                throw new MfrException(ErrorCode.USAGE, pairsFile + ":" + lineNo + ": not a pair line ('" + line
                        + "'): expected 'Name i j' or 'Name1 i Name2 j'");
            }
        }
        return out;
    }

    /**
     * A fixed, fold-balanced sample of about {@code n} pairs: the first n/20 same and n/20 different pairs of each of
     * the 10 folds (at least one of each), in file order.
     */
    public static List<ImagePair> foldBalancedSample(List<ImagePair> all, int n) {
        int per = Math.max(1, n / 20);
        List<ImagePair> out = new ArrayList<>();
        int[][] taken = new int[10][2];
        for (ImagePair p : all) {
            int s = p.same() ? 0 : 1;
            if (p.fold() < 10 && taken[p.fold()][s] < per) {
                taken[p.fold()][s]++;
                out.add(p);
            }
        }
        return out;
    }

    private static Path image(Path root, String name, String index, String ext) {
        int i = Integer.parseInt(index);
        return root.resolve(name).resolve(String.format("%s_%04d.%s", name, i, ext));
    }
}
