package mfr.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import mfr.core.dataset.ImagePair;
import mfr.eval.group.GroupRow;
import mfr.eval.group.ImageLabels;
import mfr.eval.group.PairTypeRow;
import mfr.eval.report.EvalReport;
import mfr.eval.report.ReportFiles;
import mfr.eval.score.AllPairsScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocols on a synthetic identity set: 40 identities of 4 images, each embedding its identity's direction plus
 * noise; "masked" images (odd index) get more noise, so masked pairs must score worse.
 */
class ProtocolsTest {
    static final int D = 64;

    record World(Path root, IdentitySet set, Map<Path, float[]> vectors, ImageLabels labels) {
    }

    static World world(Path root) throws Exception {
        Random r = new Random(11);
        Map<Path, float[]> vectors = new HashMap<>();
        ImageLabels labels = new ImageLabels();
        for (int id = 0; id < 40; id++) {
            String name = String.format("Person%02d", id);
            Path dir = Files.createDirectories(root.resolve(name));
            float[] centre = gaussian(r, 1.0);
            for (int i = 1; i <= 4; i++) {
                Path img = Files.writeString(dir.resolve(String.format("%s_%04d.png", name, i)), name + i);
                boolean masked = i % 2 == 1;
                float[] noise = gaussian(r, masked ? 1.1 : 0.5);
                float[] v = new float[D];
                for (int k = 0; k < D; k++) {
                    v[k] = centre[k] + noise[k];
                }
                vectors.put(img, unit(v));
                labels.put(name + "/" + img.getFileName(), "mask", masked ? "masked" : "unmasked");
                labels.put(img.getFileName().toString(), "gender", id % 2 == 0 ? "female" : "male");
            }
        }
        return new World(root, IdentitySet.scan(root, 1), vectors, labels);
    }

    static float[] gaussian(Random r, double sd) {
        float[] v = new float[D];
        for (int k = 0; k < D; k++) {
            v[k] = (float) (r.nextGaussian() * sd);
        }
        return v;
    }

    static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= (float) Math.sqrt(s);
        }
        return v;
    }

    @Test
    void pairsFileProtocolWithFoldsPairTypesAndGroups(@TempDir Path tmp) throws Exception {
        World w = world(tmp.resolve("set"));
        StringBuilder pairs = new StringBuilder("2 40\n");
        Random r = new Random(2);
        for (int fold = 0; fold < 2; fold++) {
            for (int k = 0; k < 40; k++) {
                int id = fold * 20 + k % 20;
                pairs.append(String.format("Person%02d %d %d%n", id, 1 + r.nextInt(2), 3 + r.nextInt(2)));
            }
            for (int k = 0; k < 40; k++) {
                int a = fold * 20 + k % 20;
                int b = (a + 1 + r.nextInt(38)) % 40;
                pairs.append(String.format("Person%02d %d Person%02d %d%n", a, 1 + r.nextInt(4), b, 1 + r.nextInt(4)));
            }
        }
        Path file = Files.writeString(tmp.resolve("pairs.txt"), pairs);
        List<ImagePair> list = PairProtocols.read(file, w.root(), null);
        assertThat(list).hasSize(160);
        assertThat(PairProtocols.folds(list)).isEqualTo(2);
        Map<Path, float[]> vectors = new HashMap<>(w.vectors());
        Path missing = list.get(0).first();
        vectors.remove(missing);
        EvalReport rep = PairEvaluation.evaluate("test pairs", w.root(), "synthetic", list, vectors,
                Map.of(missing, "no face found"), w.labels(), PairEvaluation.Options.defaults(), Map.of());
        assertThat(rep.verification().genuinePairs()).isEqualTo(80);
        assertThat(rep.verification().impostorPairs()).isEqualTo(80);
        assertThat(rep.kFold().folds()).isEqualTo(2);
        assertThat(rep.kFold().mean()).isGreaterThan(0.8);
        assertThat(rep.failedImages()).isEqualTo(1);
        assertThat(rep.thresholdRule()).contains("best accuracy");
        assertThat(rep.verification().at(1e-2).measurable()).isFalse();
        PairTypeRow uu = type(rep, "unmasked-unmasked");
        PairTypeRow mu = type(rep, "masked-unmasked");
        PairTypeRow mm = type(rep, "masked-masked");
        assertThat(uu.genuinePairs() + mu.genuinePairs() + mm.genuinePairs()).isEqualTo(80);
        assertThat(uu.impostorPairs() + mu.impostorPairs() + mm.impostorPairs()).isEqualTo(80);
        // Masked images carry more noise: their genuine pairs score lower.
        assertThat(uu.tarAtGlobal()).isGreaterThan(mm.tarAtGlobal());
        List<GroupRow> gender = rep.groups().stream().filter(g -> g.attribute().equals("gender")).toList();
        assertThat(gender).extracting(GroupRow::value).containsExactly("female", "male");
        assertThat(gender).allSatisfy(g -> assertThat(g.genuinePairs()).isPositive());
    }

    private static PairTypeRow type(EvalReport r, String t) {
        return r.pairTypes().stream().filter(p -> p.attribute().equals("mask") && p.type().equals(t)).findFirst()
                .orElse(null);
    }

    @Test
    void identitySetAllVersusAllCountsEveryPairAndGroupsScoreAmongThemselves(@TempDir Path tmp) throws Exception {
        World w = world(tmp);
        EvalReport r = SetEvaluation.evaluate(w.set(), "synthetic", w.vectors(), Map.of(), w.labels(),
                PairEvaluation.Options.defaults(), AllPairsScorer.Settings.defaults(), Map.of(), x -> { });
        assertThat(r.verification().genuinePairs()).isEqualTo(40 * 6);
        assertThat(r.verification().impostorPairs()).isEqualTo(160L * 159 / 2 - 240);
        assertThat(r.verification().exact()).isFalse();
        assertThat(r.verification().at(1e-3).measurable()).isTrue();
        assertThat(r.verification().at(1e-5).measurable()).isFalse();
        GroupRow masked = group(r, "mask", "masked");
        GroupRow unmasked = group(r, "mask", "unmasked");
        assertThat(masked.genuinePairs()).isEqualTo(40);
        assertThat(unmasked.genuinePairs()).isEqualTo(40);
        assertThat(masked.impostorPairs()).isEqualTo(80L * 79 / 2 - 40);
        assertThat(unmasked.tar()).isGreaterThan(masked.tar());
        GroupRow female = group(r, "gender", "female");
        assertThat(female.genuinePairs()).isEqualTo(20 * 6);
    }

    private static GroupRow group(EvalReport r, String attr, String value) {
        return r.groups().stream().filter(g -> g.attribute().equals(attr) && g.value().equals(value)).findFirst()
                .orElseThrow();
    }

    @Test
    void identificationFindsMostMatesAndSplitsGalleryFromHeldOut(@TempDir Path tmp) throws Exception {
        World w = world(tmp);
        IdentificationResult id = Identification.evaluate(w.set(), w.vectors(), 0.25, 3);
        assertThat(id.galleryIdentities()).isEqualTo(30);
        assertThat(id.matedSearches()).isEqualTo(30 * 3);
        assertThat(id.nonMatedSearches()).isEqualTo(10 * 4);
        assertThat(id.rank1()).isGreaterThan(0.7);
        assertThat(id.tpirAtFpir().get(0).measurable()).isTrue();
        assertThat(id.tpirAtFpir().get(0).tpir()).isLessThanOrEqualTo(id.rank1());
        assertThat(id.tpirAtFpir().get(2).measurable()).isFalse();
        assertThat(id.tpirAtFpir().get(2).note()).contains("non-mated searches");
    }

    @Test
    void reportFilesAreWrittenWithPlotsAndOneSelfContainedHtml(@TempDir Path tmp) throws Exception {
        World w = world(tmp.resolve("set"));
        EvalReport r = SetEvaluation.evaluate(w.set(), "synthetic", w.vectors(), Map.of(), w.labels(),
                PairEvaluation.Options.defaults(), AllPairsScorer.Settings.defaults(), Map.of("k", 1), x -> { });
        Path out = tmp.resolve("report");
        List<Path> files = ReportFiles.write(r, out);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("report.json", "tar_at_far.csv",
                "roc.csv", "scores.csv", "groups.csv", "roc.png", "scores.png", "report.html");
        assertThat(ImageIO.read(out.resolve("roc.png").toFile()).getWidth()).isEqualTo(800);
        assertThat(ImageIO.read(out.resolve("scores.png").toFile()).getHeight()).isEqualTo(560);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"http").contains("TAR");
        var json = ReportFiles.JSON.readTree(out.resolve("report.json").toFile());
        assertThat(json.get("verification").get("genuinePairs").asLong()).isEqualTo(240);
        assertThat(json.get("verification").get("tarAtFar").get(5).get("tar").isNull()).isTrue();
        assertThat(json.has("scores")).isFalse();
        List<String> csv = Files.readAllLines(out.resolve("tar_at_far.csv"));
        assertThat(csv).hasSize(7);
        assertThat(csv.get(6)).contains("not measurable");
        long total = 0;
        for (String line : Files.readAllLines(out.resolve("scores.csv")).subList(1, 65)) {
            String[] f = line.split(",");
            total += Long.parseLong(f[2]) + Long.parseLong(f[3]);
        }
        assertThat(total).isEqualTo(160L * 159 / 2);
        assertThat(r.verification().eer()).isCloseTo(0.05, within(0.05));
    }

    static List<Path> paths(World w) {
        return new ArrayList<>(w.vectors().keySet());
    }
}
