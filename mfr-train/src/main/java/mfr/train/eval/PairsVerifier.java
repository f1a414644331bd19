package mfr.train.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import mfr.core.dataset.ImagePair;
import mfr.core.dataset.PairsFile;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Face;
import mfr.core.image.RgbImage;
import mfr.core.metric.Verification;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.onnx.runtime.OrtSettings;
import mfr.train.data.Preprocess;
import mfr.train.engine.HostTensors;
import mfr.train.loop.Verifier;
import mfr.train.nn.Network;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification on a pairs file in LFW View 2's format during training: a fold-balanced sample of pairs (the first
 * N/20 same and N/20 different pairs of each of the 10 folds), their images aligned once through the pipeline and
 * cached as PNG under {@code $MFR_HOME/cache/aligned/<dataset>/}, embedded by the network in evaluation mode; the
 * accuracy is taken at the best threshold. A pair whose image has no face counts as wrong.
 */
public final class PairsVerifier implements Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(PairsVerifier.class);

    private final String name;
    private final List<ImagePair> pairs;
    private final Map<Path, RgbImage> crops;
    private final Preprocess prep;

    private PairsVerifier(String name, List<ImagePair> pairs, Map<Path, RgbImage> crops, Preprocess prep) {
        this.name = name;
        this.pairs = pairs;
        this.crops = crops;
        this.prep = prep;
    }

    /** Samples {@code n} pairs of {@code root/pairs.txt} and aligns their images (cached). */
    public static PairsVerifier open(Path root, int n, Preprocess prep) {
        Path pairsFile = root.resolve("pairs.txt");
        if (!Files.isRegularFile(pairsFile)) {
            throw new MfrException(ErrorCode.NOT_FOUND, pairsFile + ": no pairs file for verification");
        }
        List<ImagePair> sample = PairsFile.foldBalancedSample(PairsFile.read(pairsFile, root, "jpg"), n);
        Set<Path> files = new LinkedHashSet<>();
        sample.forEach(p -> {
            files.add(p.first());
            files.add(p.second());
        });
        Path cache = MfrHome.resolve().root().resolve("cache").resolve("aligned").resolve(root.getFileName().toString());
        Map<Path, RgbImage> crops = new HashMap<>();
        FaceAnalyzer fa = null;
        try {
            for (Path f : files) {
                Path cached = cache.resolve(root.relativize(f).toString().replaceFirst("\\.[^.]+$", "") + ".png");
                if (Files.isRegularFile(cached)) {
                    crops.put(f, RgbImage.of(ImageIO.read(cached.toFile())));
                    continue;
                }
                if (fa == null) {
                    fa = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
                }
                List<Face> faces = fa.analyze(fa.load(f));
                Face main = faces.stream().max(java.util.Comparator.comparingDouble((Face x) -> x.box().area())).orElse(null);
                if (main != null) {
                    Files.createDirectories(cached.getParent());
                    ImageIO.write(main.aligned().toBufferedImage(), "png", cached.toFile());
                    crops.put(f, main.aligned());
                }
            }
        } catch (IOException e) {
            throw new MfrException(ErrorCode.IO, "cannot cache aligned verification crops in " + cache + ": " + e.getMessage());
        } finally {
            if (fa != null) {
                fa.close();
            }
        }
        LOG.info("verification: {} pairs of {}, {} images aligned ({} without a face)", sample.size(), pairsFile,
                crops.size(), files.size() - crops.size());
        return new PairsVerifier(root.getFileName().toString(), sample, crops, prep);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome verify(Network net) {
        List<Path> order = new ArrayList<>(crops.keySet());
        Map<Path, float[]> emb = new HashMap<>();
        int per = 3 * 112 * 112;
        for (int from = 0; from < order.size(); from += 32) {
            int k = Math.min(32, order.size() - from);
            float[] px = new float[k * per];
            for (int i = 0; i < k; i++) {
                prep.write(crops.get(order.get(from + i)), px, i * per);
            }
            try (PointerScope scope = new PointerScope(); NoGradGuard ng = new NoGradGuard()) {
                float[] out = HostTensors.toFloats(net.forward(HostTensors.floats(px, k, 3, 112, 112), false));
                int d = out.length / k;
                for (int i = 0; i < k; i++) {
                    float[] v = java.util.Arrays.copyOfRange(out, i * d, (i + 1) * d);
                    double norm = 0;
                    for (float x : v) {
                        norm += x * x;
                    }
                    norm = Math.sqrt(norm) + 1e-12;
                    for (int j = 0; j < d; j++) {
                        v[j] /= norm;
                    }
                    emb.put(order.get(from + i), v);
                }
            }
        }
        double[] scores = new double[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            ImagePair p = pairs.get(i);
            float[] a = emb.get(p.first());
            float[] b = emb.get(p.second());
            same[i] = p.same();
            if (a == null || b == null) {
                scores[i] = p.same() ? -2 : 2;
            } else {
                double dot = 0;
                for (int j = 0; j < a.length; j++) {
                    dot += a[j] * b[j];
                }
                scores[i] = dot;
            }
        }
        double t = Verification.bestThreshold(scores, same);
        return new Outcome(Verification.accuracy(scores, same, t), t, pairs.size());
    }
}
