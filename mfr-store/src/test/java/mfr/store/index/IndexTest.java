package mfr.store.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import mfr.store.template.StoredVector;
import org.junit.jupiter.api.Test;

class IndexTest {
    final SyntheticGallery gallery = new SyntheticGallery(128, 300, 4, 0.82, 42);

    static float naiveDot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }

    @Test
    void simdIsActiveUnderTestsAndAgreesWithScalar() {
        assertThat(DotProduct.best().name()).as("surefire runs with --add-modules jdk.incubator.vector").startsWith("simd");
        float[] a = gallery.template(0);
        float[] b = gallery.template(1);
        float[] c = new float[131];
        System.arraycopy(b, 0, c, 3, 128);
        assertThat(DotProduct.best().dot(a, c, 3, 128)).isCloseTo(naiveDot(a, b), within(1e-5f));
        assertThat(DotProduct.scalar().dot(a, c, 3, 128)).isCloseTo(naiveDot(a, b), within(1e-5f));
    }

    @Test
    void galleryShapeIsLikeFaces() {
        double genuine = naiveDot(gallery.template(0), gallery.template(1));
        double impostor = naiveDot(gallery.template(0), gallery.template(4));
        assertThat(genuine).isBetween(0.4, 0.8);
        assertThat(Math.abs(impostor)).isLessThan(0.35);
    }

    static double impostorStd(SyntheticGallery g, int n) {
        double sum = 0;
        double sq = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (g.identityOf(i * 4) != g.identityOf(j * 4)) {
                    double c = naiveDot(g.template(i * 4), g.template(j * 4 + 1));
                    sum += c;
                    sq += c * c;
                    k++;
                }
            }
        }
        double mean = sum / k;
        return Math.sqrt(sq / k - mean * mean);
    }

    @Test
    void impostorSpreadFollowsTheSetting() {
        SyntheticGallery faceLike = new SyntheticGallery(512, 300, 4, 0.82, 0.12, 42);
        SyntheticGallery isotropic = new SyntheticGallery(512, 300, 4, 0.82, 0, 42);
        assertThat(impostorStd(faceLike, 150)).isBetween(0.10, 0.14);
        assertThat(impostorStd(isotropic, 150)).isBetween(0.035, 0.055);
        double genuine = naiveDot(faceLike.template(0), faceLike.template(1));
        assertThat(genuine).isBetween(0.45, 0.75);
    }

    @Test
    void flatSearchIsExactAndRemovalKeepsItExact() {
        try (FlatIndex flat = new FlatIndex(128)) {
            for (int i = 0; i < gallery.size(); i++) {
                flat.add(1000 + i, gallery.template(i));
            }
            for (int i = 0; i < gallery.size(); i += 3) {
                assertThat(flat.remove(1000 + i)).isTrue();
            }
            assertThat(flat.remove(1000)).isFalse();
            assertThat(flat.size()).isEqualTo(gallery.size() - (gallery.size() + 2) / 3);
            for (int j = 0; j < 20; j++) {
                float[] p = gallery.probe(j);
                List<Hit> hits = flat.search(p, 5);
                List<Hit> expected = IntStream.range(0, gallery.size()).filter(i -> i % 3 != 0)
                        .mapToObj(i -> new Hit(1000 + i, naiveDot(p, gallery.template(i))))
                        .sorted(Comparator.comparing(Hit::score).reversed()).limit(5).toList();
                assertThat(hits).extracting(Hit::id).containsExactlyElementsOf(expected.stream().map(Hit::id).toList());
                assertThat(hits.get(0).score()).isCloseTo(expected.get(0).score(), within(1e-4f));
            }
        }
    }

    @Test
    void hnswFindsTheExactNearestNeighbourAndHonoursDeletes() {
        try (FlatIndex flat = new FlatIndex(128); HnswIndex hnsw = new HnswIndex(128, HnswSettings.DEFAULT)) {
            long[] ids = new long[gallery.size()];
            float[][] vs = new float[gallery.size()][];
            for (int i = 0; i < gallery.size(); i++) {
                ids[i] = i;
                vs[i] = gallery.template(i);
                flat.add(i, vs[i]);
            }
            hnsw.addAll(ids, vs);
            assertThat(hnsw.size()).isEqualTo(gallery.size());
            int agree = 0;
            for (int j = 0; j < 100; j++) {
                float[] p = gallery.probe(j);
                List<Hit> h = hnsw.search(p, 1);
                if (h.get(0).id() == flat.search(p, 1).get(0).id()) {
                    agree++;
                    assertThat(h.get(0).score()).isCloseTo(naiveDot(p, vs[(int) h.get(0).id()]), within(1e-3f));
                }
            }
            assertThat(agree).as("recall@1 over 100 probes").isGreaterThanOrEqualTo(97);
            long top = hnsw.search(gallery.template(7), 1).get(0).id();
            assertThat(top).isEqualTo(7);
            assertThat(hnsw.remove(7)).isTrue();
            assertThat(hnsw.remove(7)).isFalse();
            assertThat(hnsw.search(gallery.template(7), 10)).extracting(Hit::id).doesNotContain(7L);
        }
    }

    @Test
    void galleryIndexAnswersSubjectsOnceEachWithFlatOrHnsw() {
        List<StoredVector> vs = new ArrayList<>();
        for (int i = 0; i < gallery.size(); i++) {
            vs.add(new StoredVector(i, "id" + gallery.identityOf(i), gallery.template(i)));
        }
        try (GalleryIndex flat = GalleryIndex.of("m", 128, vs, Integer.MAX_VALUE, HnswSettings.DEFAULT);
             GalleryIndex hnsw = GalleryIndex.of("m", 128, vs, 100, HnswSettings.DEFAULT)) {
            assertThat(flat.kind()).isEqualTo("flat");
            assertThat(hnsw.kind()).isEqualTo("hnsw");
            for (GalleryIndex g : List.of(flat, hnsw)) {
                List<SubjectHit> hits = g.search(gallery.template(9), 3);
                assertThat(hits).hasSize(3);
                assertThat(hits.get(0).subject()).isEqualTo("id2");
                assertThat(hits.get(0).similarity()).isCloseTo(1f, within(1e-4f));
                assertThat(hits).extracting(SubjectHit::subject).doesNotHaveDuplicates();
                g.removeSubject("id2");
                assertThat(g.search(gallery.template(9), 3)).extracting(SubjectHit::subject).doesNotContain("id2");
                g.add(99_999, "newcomer", gallery.template(9));
                assertThat(g.search(gallery.template(9), 1).get(0).subject()).isEqualTo("newcomer");
            }
        }
    }
}
