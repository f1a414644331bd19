package mfr.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.store.audit.AuditEvent;
import mfr.store.key.ApiKeyRecord;
import mfr.store.template.NewTemplate;
import mfr.store.template.StoredVector;
import mfr.store.template.TemplateInfo;
import mfr.store.template.TemplateStore;
import org.junit.jupiter.api.Test;

/** The behaviour both databases must show; each subclass opens a fresh, empty store. */
abstract class StoreContract {
    private final Random random = new Random(7);

    abstract SqlStore store();

    float[] unit(int dim) {
        float[] v = new float[dim];
        double s = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            s += v[i] * v[i];
        }
        for (int i = 0; i < dim; i++) {
            v[i] /= (float) Math.sqrt(s);
        }
        return v;
    }

    private static ErrorCode codeOf(Throwable t) {
        return ((MfrException) t).code();
    }

    @Test
    void collectionsAreCreatedListedAndUnique() {
        TemplateStore t = store().templates();
        t.createCollection("staff", false);
        t.createCollection("visitors", true);
        assertThat(t.collections()).extracting(c -> c.name()).containsExactly("staff", "visitors");
        assertThat(t.collection("visitors").orElseThrow().storePhotos()).isTrue();
        assertThatThrownBy(() -> t.createCollection("staff", true)).isInstanceOf(MfrException.class)
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> t.subjects("nope")).satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void vectorsRoundTripExactlyAndOnlyForTheirModel() {
        TemplateStore t = store().templates();
        t.createCollection("c", false);
        float[] a = unit(512);
        float[] b = unit(128);
        TemplateInfo ia = t.addTemplate("c", "alice", new NewTemplate("model-a", a, 0.9, null, null), true);
        t.addTemplate("c", "alice", new NewTemplate("model-b", b, 0.8, null, null), false);
        List<StoredVector> va = t.vectors("c", "model-a");
        assertThat(va).hasSize(1);
        assertThat(va.get(0).vector()).containsExactly(a);
        assertThat(va.get(0).templateId()).isEqualTo(ia.id());
        assertThat(va.get(0).subject()).isEqualTo("alice");
        assertThat(t.vectors("c", "model-b").get(0).vector()).containsExactly(b);
        assertThat(t.vectors("c", "model-c")).isEmpty();
        assertThat(t.templates("c", "alice")).extracting(TemplateInfo::modelId).containsExactly("model-a", "model-b");
        assertThat(t.subject("c", "alice").orElseThrow().templates()).isEqualTo(2);
    }

    @Test
    void enrollingToAMissingSubjectWritesNothing() {
        TemplateStore t = store().templates();
        t.createCollection("c", false);
        assertThatThrownBy(() -> t.addTemplate("c", "bob", new NewTemplate("m", unit(8), 1, null, null), false))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(t.subjects("c")).isEmpty();
        assertThat(t.vectors("c", "m")).isEmpty();
    }

    @Test
    void photosAreKeptOnlyWhenTheCollectionAsks() {
        TemplateStore t = store().templates();
        t.createCollection("private", false);
        t.createCollection("album", true);
        byte[] photo = {1, 2, 3, 4};
        TemplateInfo p = t.addTemplate("private", "x", new NewTemplate("m", unit(8), 1, photo, "image/jpeg"), true);
        TemplateInfo q = t.addTemplate("album", "x", new NewTemplate("m", unit(8), 1, photo, "image/jpeg"), true);
        assertThat(p.hasPhoto()).isFalse();
        assertThat(t.photo("private", p.id())).isEmpty();
        assertThat(q.hasPhoto()).isTrue();
        assertThat(t.photo("album", q.id())).hasValueSatisfying(b -> assertThat(b).containsExactly(photo));
        assertThat(t.photo("private", q.id())).as("a face id of another collection").isEmpty();
    }

    @Test
    void deletingASubjectRemovesItsTemplatesAndPhotos() {
        TemplateStore t = store().templates();
        t.createCollection("album", true);
        TemplateInfo a = t.addTemplate("album", "ann", new NewTemplate("m", unit(8), 1, new byte[] {9}, "image/png"), true);
        t.addTemplate("album", "ann", new NewTemplate("m", unit(8), 1, new byte[] {8}, "image/png"), false);
        t.addTemplate("album", "ben", new NewTemplate("m", unit(8), 1, new byte[] {7}, "image/png"), true);
        assertThat(t.deleteSubject("album", "ann")).isEqualTo(2);
        assertThat(t.photo("album", a.id())).isEmpty();
        assertThat(t.vectors("album", "m")).extracting(StoredVector::subject).containsExactly("ben");
        assertThat(t.subjects("album")).extracting(s -> s.name()).containsExactly("ben");
        assertThat(t.templateCounts()).containsEntry("album", 1);
        assertThatThrownBy(() -> t.deleteSubject("album", "ann"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void deletingATemplateAndACollection() {
        TemplateStore t = store().templates();
        t.createCollection("c", false);
        TemplateInfo a = t.addTemplate("c", "ann", new NewTemplate("m", unit(8), 1, null, null), true);
        t.addTemplate("c", "ann", new NewTemplate("m", unit(8), 1, null, null), false);
        assertThat(t.deleteTemplate("c", a.id())).isEqualTo("ann");
        assertThat(t.vectors("c", "m")).hasSize(1);
        store().keys().putKey(new ApiKeyRecord("k1", new byte[] {1}, new byte[] {2}, ApiKeyRecord.Role.COLLECTION, "c",
                "test", Instant.now()));
        t.deleteCollection("c");
        assertThat(t.collections()).isEmpty();
        assertThat(store().keys().key("k1")).as("a collection's keys go with it").isEmpty();
    }

    @Test
    void keysAndAudit() {
        store().templates().createCollection("c", false);
        var keys = store().keys();
        assertThat(keys.hasAdminKey()).isFalse();
        keys.putKey(new ApiKeyRecord("adm", new byte[] {1, 2}, new byte[] {3}, ApiKeyRecord.Role.ADMIN, null, "admin",
                Instant.now()));
        keys.putKey(new ApiKeyRecord("col", new byte[] {4}, new byte[] {5}, ApiKeyRecord.Role.COLLECTION, "c", "cam",
                Instant.now()));
        assertThat(keys.hasAdminKey()).isTrue();
        assertThat(keys.key("adm").orElseThrow().hash()).containsExactly(1, 2);
        assertThat(keys.key("col").orElseThrow().collection()).isEqualTo("c");
        assertThat(keys.keys("c")).extracting(ApiKeyRecord::keyId).containsExactly("col");
        assertThat(keys.deleteKey("col")).isTrue();
        assertThat(keys.deleteKey("col")).isFalse();
        var audit = store().audit();
        audit.append(new AuditEvent(Instant.now(), "adm", "enroll", "c", "ann", "ok", 201));
        audit.append(new AuditEvent(Instant.now(), "col", "identify", "c", null, "unknown", 200));
        assertThat(audit.tail(10)).extracting(AuditEvent::action).containsExactly("identify", "enroll");
    }

    @Test
    void concurrentEnrollmentsAllLand() throws Exception {
        TemplateStore t = store().templates();
        t.createCollection("c", false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TemplateInfo>> fs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String subject = "s" + (i % 5);
                float[] v = unit(64);
                fs.add(pool.submit(() -> t.addTemplate("c", subject, new NewTemplate("m", v, 1, null, null), true)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<TemplateInfo> f : fs) {
                try {
                    ids.add(f.get().id());
                } catch (java.util.concurrent.ExecutionException e) {
                    // two threads creating the same subject at once: one of them gets CONFLICT, never a half write
                    assertThat(codeOf(e.getCause())).isEqualTo(ErrorCode.CONFLICT);
                }
            }
            assertThat(t.vectors("c", "m")).extracting(StoredVector::templateId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(ids.size()).isGreaterThanOrEqualTo(35);
        } finally {
            pool.shutdownNow();
        }
    }
}
