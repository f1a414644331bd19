package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service end to end over HTTP on loopback, with real models and LFW photos. */
class ServerTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static Http http;
    static List<LfwPeople.Person> people;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        http = server.http;
        people = SharedData.dataset("lfw-deepfunneled").map(p -> LfwPeople.withAtLeast(p, 4, 6)).orElse(List.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String newCollection(String name, boolean photos) {
        Http.Response r = http.postJson("/api/v1/collections", server.adminKey, Map.of("name", name, "storePhotos", photos));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().at("/key/secret").asText();
    }

    static void assertError(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void healthAndOpenApiDescribeTheRealRoutes() {
        Http.Response h = http.get("/health", null);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.json().get("status").asText()).isEqualTo("ok");
        JsonNode doc = http.get("/openapi.json", null).json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> ms = path.getValue().fieldNames(); ms.hasNext(); ) {
                String method = ms.next();
                operations++;
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
                Http.Response r = switch (method) {
                    case "get" -> http.get(concrete, null);
                    case "delete" -> http.delete(concrete, null);
                    default -> http.postJson(concrete, null, "{}");
                };
                // every documented route exists: it answers, if only to ask for a key, and never "no route"
                assertThat(r.status()).as(method + " " + concrete + ": " + r.body()).isNotEqualTo(405);
                if (r.status() == 404) {
                    assertThat(r.body()).doesNotContain("no route");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(20);
        assertError(http.get("/api/v1/nothing-here", null), 404, "NOT_FOUND");
    }

    @Test
    void keysReachOnlyTheirCollection() {
        String a = newCollection("keys-a", false);
        String b = newCollection("keys-b", false);
        assertError(http.get("/api/v1/collections/keys-a/subjects", null), 401, "UNAUTHORIZED");
        assertError(http.get("/api/v1/collections/keys-a/subjects", a + "x"), 401, "UNAUTHORIZED");
        assertError(http.get("/api/v1/collections/keys-a/subjects", "garbage"), 401, "UNAUTHORIZED");
        assertThat(http.get("/api/v1/collections/keys-a/subjects", a).status()).isEqualTo(200);
        assertError(http.get("/api/v1/collections/keys-a/subjects", b), 403, "FORBIDDEN");
        assertError(http.postJson("/api/v1/collections", a, Map.of("name", "mine")), 403, "FORBIDDEN");
        assertError(http.postJson("/api/v1/collections", server.adminKey, Map.of("name", "keys-a")), 409, "CONFLICT");
        JsonNode listed = http.get("/api/v1/collections", a).json().get("collections");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("name").asText()).isEqualTo("keys-a");
        // a second key, then revoked
        JsonNode k2 = http.postJson("/api/v1/collections/keys-a/keys", server.adminKey, Map.of("label", "camera")).json();
        String second = k2.get("secret").asText();
        assertThat(http.get("/api/v1/collections/keys-a", second).status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/keys/" + k2.get("id").asText(), server.adminKey).status()).isEqualTo(200);
        assertError(http.get("/api/v1/collections/keys-a", second), 401, "UNAUTHORIZED");
    }

    @Test
    void enrollIdentifyVerifyAndDeleteWithLfwFaces() {
        Assumptions.assumeTrue(people.size() == 6, SharedData.missingReason("lfw-deepfunneled"));
        String key = newCollection("lfw", false);
        String base = "/api/v1/collections/lfw";
        // enroll two photos of five people, in the three accepted forms
        for (int i = 0; i < 5; i++) {
            LfwPeople.Person p = people.get(i);
            byte[] one = LfwPeople.read(p.photos().get(0));
            byte[] two = LfwPeople.read(p.photos().get(1));
            Http.Response r1 = http.postFiles(base + "/subjects/" + p.name() + "/faces", key, Map.of("image", one));
            assertThat(r1.status()).as(r1.body()).isEqualTo(201);
            assertThat(r1.json().get("model").asText()).startsWith("fr_feature");
            assertThat(r1.json().get("hasPhoto").asBoolean()).as("the collection does not store photos").isFalse();
            Http.Response r2 = i % 2 == 0
                    ? http.postJson(base + "/subjects/" + p.name() + "/faces", key,
                            Map.of("image", Base64.getEncoder().encodeToString(two)))
                    : http.postRaw(base + "/subjects/" + p.name() + "/faces", key, "image/jpeg", two);
            assertThat(r2.status()).as(r2.body()).isEqualTo(201);
        }
        JsonNode subjects = http.get(base + "/subjects", key).json().get("subjects");
        assertThat(subjects).hasSize(5);
        subjects.forEach(s -> assertThat(s.get("faces").asInt()).isEqualTo(2));

        // identify a third photo of each: the right person, above the threshold
        for (int i = 0; i < 5; i++) {
            LfwPeople.Person p = people.get(i);
            JsonNode id = http.postFiles(base + "/identify?k=3", key, Map.of("image", LfwPeople.read(p.photos().get(2))))
                    .json();
            JsonNode face = id.get("faces").get(0);
            assertThat(face.get("decision").asText()).as(p.name()).isEqualTo(p.name());
            assertThat(face.get("candidates").get(0).get("similarity").asDouble())
                    .isGreaterThanOrEqualTo(id.at("/operatingPoint/threshold").asDouble());
            assertThat(face.get("candidates").size()).isEqualTo(3);
        }
        // a stranger is unknown
        LfwPeople.Person stranger = people.get(5);
        JsonNode unknown = http.postFiles(base + "/identify", key, Map.of("image", LfwPeople.read(stranger.photos().get(0))))
                .json();
        assertThat(unknown.get("faces").get(0).get("decision").asText()).isEqualTo("unknown");

        // verify: two images, and an image against a subject, at a chosen operating point
        LfwPeople.Person a = people.get(0);
        JsonNode same = http.postFiles("/api/v1/verify?operatingPoint=far-1e-3", key, Map.of(
                "image1", LfwPeople.read(a.photos().get(0)), "image2", LfwPeople.read(a.photos().get(3)))).json();
        assertThat(same.get("decision").asText()).isEqualTo("same");
        assertThat(same.at("/operatingPoint/name").asText()).isEqualTo("far-1e-3");
        JsonNode diff = http.postFiles("/api/v1/verify", key, Map.of(
                "image1", LfwPeople.read(a.photos().get(0)), "image2", LfwPeople.read(stranger.photos().get(0)))).json();
        assertThat(diff.get("decision").asText()).isEqualTo("different");
        JsonNode vs = http.postFiles(base + "/subjects/" + a.name() + "/verify", key,
                Map.of("image", LfwPeople.read(a.photos().get(3)))).json();
        assertThat(vs.get("decision").asText()).isEqualTo("match");
        assertError(http.postFiles("/api/v1/verify?operatingPoint=far-7", key, Map.of(
                "image1", LfwPeople.read(a.photos().get(0)), "image2", LfwPeople.read(a.photos().get(1)))), 400, "USAGE");

        // detect
        JsonNode det = http.postRaw("/api/v1/detect", key, "image/jpeg", LfwPeople.read(a.photos().get(0))).json();
        assertThat(det.get("faces").size()).isGreaterThanOrEqualTo(1);
        assertThat(det.get("faces").get(0).get("landmarks5")).hasSize(5);

        // delete a subject: its faces go, and it is no longer found
        assertThat(http.delete(base + "/subjects/" + a.name(), key).json().get("faces").asInt()).isEqualTo(2);
        JsonNode after = http.postFiles(base + "/identify", key, Map.of("image", LfwPeople.read(a.photos().get(2)))).json();
        assertThat(after.get("faces").get(0).get("candidates")).noneMatch(c -> c.get("subject").asText().equals(a.name()));
        assertError(http.get(base + "/subjects/" + a.name() + "/faces", key), 404, "NOT_FOUND");

        // the audit log has who did what, and no biometric data
        JsonNode events = http.get("/api/v1/audit?limit=200", server.adminKey).json().get("events");
        assertThat(events).anyMatch(e -> e.get("action").asText().equals("enroll") && e.get("outcome").asText().equals("ok")
                && e.get("collection").asText().equals("lfw"));
        assertThat(events).anyMatch(e -> e.get("action").asText().equals("identify")
                && e.get("outcome").asText().equals("unknown"));
        assertThat(events).anyMatch(e -> e.get("action").asText().equals("delete-subject"));
        events.forEach(e -> assertThat(e.size()).isEqualTo(7));
        assertError(http.get("/api/v1/audit", key), 403, "FORBIDDEN");

        // metrics: latency histograms, inference stages, templates per collection
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("mfr_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/collections/{collection}/identify\",le=\"+Inf\"}");
        assertThat(metrics).contains("mfr_inference_duration_seconds_count{stage=\"embed\"}");
        assertThat(metrics).contains("mfr_templates{collection=\"lfw\"} 8.0");
    }

    @Test
    void photosAreStoredOnlyWhenTheCollectionAsks() {
        Assumptions.assumeTrue(people.size() == 6, SharedData.missingReason("lfw-deepfunneled"));
        String key = newCollection("album", true);
        byte[] photo = LfwPeople.read(people.get(0).photos().get(0));
        JsonNode r = http.postRaw("/api/v1/collections/album/subjects/ann/faces", key, "image/jpeg", photo).json();
        assertThat(r.get("hasPhoto").asBoolean()).isTrue();
        Http.Response p = http.get("/api/v1/collections/album/faces/" + r.get("id").asLong() + "/photo", key);
        assertThat(p.status()).isEqualTo(200);
        assertThat(http.delete("/api/v1/collections/album", server.adminKey).status()).isEqualTo(200);
        assertError(http.get("/api/v1/collections/album/subjects", key), 401, "UNAUTHORIZED");
    }
}
