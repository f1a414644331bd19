package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind to every route that takes a body: each answer is a 4xx with {code, message}, and the
 * service is healthy and still right afterwards.
 */
class FuzzTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String key;

    @BeforeAll
    static void start() {
        // small limits, so that "huge" inputs stay cheap to send
        server = TestServer.start(TestServer.config(dir).withLimits(1 << 20, 4_000_000));
        Http.Response r = server.http.postJson("/api/v1/collections", server.adminKey, Map.of("name", "fuzz"));
        key = r.json().at("/key/secret").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] png(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** A PNG whose header announces width x height pixels, with no pixel data behind it. */
    static byte[] pngHeader(int w, int h) throws IOException {
        byte[] small = png(1, 1);
        byte[] out = Arrays.copyOf(small, 33);
        out[16] = (byte) (w >>> 24);
        out[17] = (byte) (w >>> 16);
        out[18] = (byte) (w >>> 8);
        out[19] = (byte) w;
        out[20] = (byte) (h >>> 24);
        out[21] = (byte) (h >>> 16);
        out[22] = (byte) (h >>> 8);
        out[23] = (byte) h;
        return out;
    }

    static Map<String, byte[]> badImages() throws IOException {
        Random rnd = new Random(5);
        byte[] jpeg = SharedData.dataset("lfw-deepfunneled")
                .map(p -> LfwPeople.read(LfwPeople.withAtLeast(p, 1, 1).get(0).photos().get(0))).orElse(png(200, 200));
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("zero-byte", new byte[0]);
        m.put("one-byte", new byte[] {(byte) 0xFF});
        m.put("truncated-jpeg", Arrays.copyOf(jpeg, jpeg.length / 3));
        byte[] corrupt = jpeg.clone();
        for (int i = 200; i < corrupt.length; i += 7) {
            corrupt[i] = (byte) rnd.nextInt();
        }
        m.put("corrupt-jpeg", corrupt);
        byte[] noise = new byte[50_000];
        rnd.nextBytes(noise);
        m.put("random-bytes", noise);
        m.put("text", "hello, this is not an image".getBytes(StandardCharsets.UTF_8));
        m.put("html", "<html><body>no</body></html>".getBytes(StandardCharsets.UTF_8));
        m.put("pdf-magic", "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1));
        m.put("png-header-only", Arrays.copyOf(png(10, 10), 40));
        m.put("pixel-bomb-header", pngHeader(60_000, 60_000));
        m.put("over-byte-limit", new byte[(1 << 20) + 10]);
        return m;
    }

    static void assertClientError(String what, Http.Response r) {
        assertThat(r.status()).as(what + " -> " + r.body()).isBetween(400, 499);
        JsonNode j = r.json();
        assertThat(j.get("code").asText()).as(what).isNotBlank();
        assertThat(j.get("message").asText()).as(what).isNotBlank();
    }

    @Test
    void everyBadInputIsA4xxWithAMessageAndTheServiceStaysHealthy() throws IOException {
        Http http = server.http;
        List<String> imageRoutes = List.of("/api/v1/collections/fuzz/subjects/someone/faces",
                "/api/v1/collections/fuzz/identify", "/api/v1/detect");
        int requests = 0;
        for (Map.Entry<String, byte[]> bad : badImages().entrySet()) {
            for (String route : imageRoutes) {
                assertClientError(bad.getKey() + " raw " + route, http.postRaw(route, key, "image/jpeg", bad.getValue()));
                assertClientError(bad.getKey() + " multipart " + route, http.postFiles(route, key, Map.of("image", bad.getValue())));
                assertClientError(bad.getKey() + " base64 " + route, http.postJson(route, key,
                        Map.of("image", Base64.getEncoder().encodeToString(bad.getValue()))));
                requests += 3;
            }
            assertClientError(bad.getKey() + " verify", http.postFiles("/api/v1/verify", key,
                    Map.of("image1", bad.getValue(), "image2", bad.getValue())));
            requests++;
        }
        List<String> badJson = List.of("", "{", "[]", "null", "42", "{\"name\":", "{\"name\": 5}", "{\"name\": \"\"}",
                "{\"name\": \"../../etc\"}", "{\"name\": \"" + "x".repeat(500) + "\"}", "{\"name\": [\"a\"]}",
                "\u0000\u0001\u0002", "{\"image\": \"@@@not base64@@@\"}", "{\"image\": 12}");
        for (String body : badJson) {
            assertClientError("collection json " + body, http.postJson("/api/v1/collections", server.adminKey, body));
            assertClientError("subject json " + body, http.postJson("/api/v1/collections/fuzz/subjects", key, body));
            assertClientError("identify json " + body, http.postJson("/api/v1/collections/fuzz/identify", key, body));
            requests += 3;
        }
        assertClientError("storePhotos not boolean", http.postJson("/api/v1/collections", server.adminKey,
                "{\"storePhotos\": \"yes\", \"name\":\"a\"}"));
        // a valid image without a face: enroll and verify refuse it (422), detect and identify answer "no faces"
        byte[] blank = png(300, 300);
        assertClientError("blank enroll", http.postRaw(imageRoutes.get(0), key, "image/png", blank));
        assertThat(http.postRaw(imageRoutes.get(0), key, "image/png", blank).status()).isEqualTo(422);
        Http.Response none = http.postRaw("/api/v1/collections/fuzz/identify", key, "image/png", blank);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("faces")).isEmpty();
        requests += 3;
        // malformed multipart, wrong content types, missing fields, bad query parameters
        assertClientError("broken multipart", http.postRaw("/api/v1/detect", key, "multipart/form-data; boundary=zzz",
                "--zzz\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc".getBytes(StandardCharsets.UTF_8)));
        assertClientError("multipart without boundary", http.postRaw("/api/v1/detect", key, "multipart/form-data", new byte[10]));
        assertClientError("no content type", http.postRaw("/api/v1/detect", key, null, png(50, 50)));
        assertClientError("text/plain", http.postRaw("/api/v1/detect", key, "text/plain", png(50, 50)));
        assertClientError("missing field", http.postFiles("/api/v1/detect", key, Map.of("picture", png(50, 50))));
        assertClientError("bad k", http.postRaw("/api/v1/collections/fuzz/identify?k=zero", key, "image/png", png(50, 50)));
        assertClientError("k too big", http.postRaw("/api/v1/collections/fuzz/identify?k=100000", key, "image/png", png(50, 50)));
        assertClientError("bad face id", http.delete("/api/v1/collections/fuzz/faces/abc", key));
        assertClientError("huge body", http.postRaw("/api/v1/detect", key, "image/jpeg", new byte[5 << 20]));
        requests += 9;

        // still healthy, and still right: a real face enrolls and is identified
        assertThat(http.get("/health", null).status()).isEqualTo(200);
        List<LfwPeople.Person> people = SharedData.dataset("lfw-deepfunneled").map(p -> LfwPeople.withAtLeast(p, 2, 1))
                .orElse(List.of());
        if (!people.isEmpty()) {
            LfwPeople.Person p = people.get(0);
            assertThat(http.postRaw("/api/v1/collections/fuzz/subjects/" + p.name() + "/faces", key, "image/jpeg",
                    LfwPeople.read(p.photos().get(0))).status()).isEqualTo(201);
            JsonNode id = http.postRaw("/api/v1/collections/fuzz/identify", key, "image/jpeg",
                    LfwPeople.read(p.photos().get(1))).json();
            assertThat(id.get("faces").get(0).get("decision").asText()).isEqualTo(p.name());
        }
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).doesNotContain("status=\"500\"");
        assertThat(requests).isGreaterThan(150);
        List<String> statuses = new ArrayList<>();
        metrics.lines().filter(l -> l.startsWith("mfr_http_responses_total")).forEach(statuses::add);
        assertThat(statuses).isNotEmpty();
    }
}
