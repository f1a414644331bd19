package mfr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.io.AtomicFile;
import mfr.data.clean.EmbeddingSet;
import mfr.data.clean.UnitVectors;
import mfr.data.dataset.IdentityFolder;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "overlap", mixinStandardHelpOptions = true,
        description = {"Finds the identities of a training set that are probably also in test sets, so that training",
            "stays disjoint from evaluation (celeba-subset, LFW and MFR2 are all public figures). Every image of",
            "TRAIN and of each --against folder is embedded (main face, cached per model); an identity's centre is",
            "the normalised mean of its unit embeddings; a TRAIN identity overlaps when its centre reaches",
            "--threshold cosine with the centre of any identity of a test set. Prints the closest pairs; with --list",
            "(a path,label CSV such as mfr clean's cleaned.csv) writes --out without the overlapping identities.",
            "Example: mfr overlap ../shared/data/celeba-subset --against ../shared/data/lfw-deepfunneled",
            "           --against ../shared/data/mfr2 --list clean/cleaned.csv --out clean/disjoint.csv"})
public final class OverlapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TRAIN", description = "training identity folder")
    Path train;

    @Option(names = "--against", paramLabel = "DIR", required = true,
            description = "test identity folder (repeatable)")
    List<Path> against;

    @Option(names = "--threshold", defaultValue = "0.5",
            description = "centre cosine at which two identities count as the same person (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--model", paramLabel = "ID", defaultValue = "fr_feature",
            description = "embedding model id (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--list", paramLabel = "CSV", description = "path,label list of TRAIN images to filter")
    Path list;

    @Option(names = "--out", paramLabel = "CSV", description = "where the filtered list goes (with --list)")
    Path out;

    @Option(names = "--top", defaultValue = "15", description = "closest pairs to print (default: ${DEFAULT-VALUE})")
    int top;

    record Match(String trainIdentity, String testSet, String testIdentity, double cosine) {
    }

    @Override
    public Integer call() throws Exception {
        if ((list == null) != (out == null)) {
            throw new MfrException(ErrorCode.USAGE, "--list and --out go together");
        }
        Map<String, float[]> trainCentres;
        Map<String, Map<String, float[]>> testCentres = new LinkedHashMap<>();
        AnalyzerConfig cfg = AnalyzerConfig.defaults().withEmbedder(model).withOrt(OrtSettings.singleThread());
        try (FaceAnalyzer fa = FaceAnalyzer.open(cfg)) {
            trainCentres = centres(fa, train);
            for (Path a : against) {
                testCentres.put(a.getFileName().toString(), centres(fa, a));
            }
        }
        List<Match> best = new ArrayList<>();
        for (Map.Entry<String, float[]> t : trainCentres.entrySet()) {
            Match m = null;
            for (Map.Entry<String, Map<String, float[]>> set : testCentres.entrySet()) {
                for (Map.Entry<String, float[]> c : set.getValue().entrySet()) {
                    double cos = UnitVectors.dot(t.getValue(), c.getValue());
                    if (m == null || cos > m.cosine()) {
                        m = new Match(t.getKey(), set.getKey(), c.getKey(), cos);
                    }
                }
            }
            if (m != null) {
                best.add(m);
            }
        }
        best.sort(Comparator.comparingDouble(Match::cosine).reversed());
        Set<String> overlapping = new LinkedHashSet<>();
        System.out.printf(Locale.ROOT, "closest test identity of each of %d %s identities (threshold %.2f):%n",
                trainCentres.size(), train.getFileName(), threshold);
        for (int i = 0; i < best.size(); i++) {
            Match m = best.get(i);
            boolean over = m.cosine() >= threshold;
            if (over) {
                overlapping.add(m.trainIdentity());
            }
            if (i < top || over) {
                System.out.printf(Locale.ROOT, "  %-20s %-18s %-30s cos %.3f%s%n", m.trainIdentity(), m.testSet(),
                        m.testIdentity(), m.cosine(), over ? "  OVERLAP" : "");
            }
        }
        System.out.printf(Locale.ROOT, "%d of %d identities overlap: %s%n", overlapping.size(), trainCentres.size(),
                overlapping);
        if (list != null) {
            List<String> lines = Files.readAllLines(list);
            StringBuilder kept = new StringBuilder();
            int dropped = 0;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (n == 0 && line.strip().equalsIgnoreCase("path,label")) {
                    kept.append(line).append('\n');
                    continue;
                }
                Path p = Path.of(line.substring(0, Math.max(0, line.lastIndexOf(','))).replace("\"", ""));
                String identity = p.getParent() == null ? "" : p.getParent().getFileName().toString();
                if (overlapping.contains(identity)) {
                    dropped++;
                } else {
                    kept.append(line).append('\n');
                }
            }
            AtomicFile.writeString(out, kept.toString());
            System.out.printf(Locale.ROOT, "wrote %s: %d images of overlapping identities left out%n", out, dropped);
        }
        return 0;
    }

    private static Map<String, float[]> centres(FaceAnalyzer fa, Path folder) {
        IdentityFolder f = IdentityFolder.scan(folder, 1);
        System.err.printf(Locale.ROOT, "%s: %d identities, %d images%n", folder, f.identities().size(), f.imageCount());
        EmbeddingSet set = DatasetEmbeddings.embed(fa, f).set();
        // Embeddings are unit vectors: an identity's centre is the normalised sum of its rows.
        Map<String, float[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < set.size(); i++) {
            float[] s = sums.computeIfAbsent(set.labelNames().get(set.labels()[i]), k -> new float[set.dimension()]);
            float[] v = set.vectors()[i];
            for (int k = 0; k < s.length; k++) {
                s[k] += v[k];
            }
        }
        sums.values().forEach(UnitVectors::normalize);
        return sums;
    }
}
