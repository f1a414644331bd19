package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mfr.core.dataset.SharedData;
import mfr.store.sql.SqlStore;
import mfr.store.sql.StoreConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server in the middle of enrolling many faces: after a restart every acknowledged face is there,
 * whole (vector checksums verified, the database consistent), and nothing is half-written.
 */
class KillTest {
    @TempDir
    Path dir;

    record Child(Process process, int port, String adminKey) {
    }

    static Child startChild(Path db) throws IOException, InterruptedException {
        Path log = db.resolveSibling("child-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Xss4m: observed here, a fresh JVM given this (long) class path dies with SIGSEGV, no hs_err, while ONNX
        // Runtime creates its sessions on the main thread with the default 1 MiB stack; 4 MiB runs.
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Xss4m", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", KillTarget.class.getName(), db.toString());
        pb.redirectError(log.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String admin = null;
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("ADMIN ")) {
                admin = line.substring(6);
            } else if (line.startsWith("PORT ")) {
                return new Child(p, Integer.parseInt(line.substring(5).trim()), admin);
            }
        }
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException("child server did not start: " + seen + String.join("\n", Files.readAllLines(log))
                + " (class path " + System.getProperty("java.class.path") + ")");
    }

    @Test
    void everyAcknowledgedFaceSurvivesKillNine() throws Exception {
        Path lfw = SharedData.dataset("lfw-deepfunneled").orElse(null);
        Assumptions.assumeTrue(lfw != null, SharedData.missingReason("lfw-deepfunneled"));
        List<LfwPeople.Person> people = LfwPeople.withAtLeast(lfw, 2, 60);
        Path db = dir.resolve("crash.db");
        Child first = startChild(db);
        Http http = new Http("http://127.0.0.1:" + first.port());
        String key = http.postJson("/api/v1/collections", first.adminKey(), Map.of("name", "crash")).json()
                .at("/key/secret").asText();

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Long, String> subjectOf = new ConcurrentHashMap<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger failedAfterKill = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 3; t++) {
            pool.submit(() -> {
                while (!killed.get()) {
                    LfwPeople.Person p = people.get(next.getAndIncrement() % people.size());
                    try {
                        Http.Response r = http.postRaw("/api/v1/collections/crash/subjects/" + p.name() + "/faces", key,
                                "image/jpeg", LfwPeople.read(p.photos().get(next.get() % p.photos().size())));
                        if (r.status() == 201) {
                            long id = r.json().get("id").asLong();
                            acknowledged.add(id);
                            subjectOf.put(id, p.name());
                        }
                    } catch (RuntimeException e) {
                        failedAfterKill.incrementAndGet(); // the connection died with the server
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        first.process().destroyForcibly(); // SIGKILL, while three enrollments are in flight
        first.process().waitFor(10, TimeUnit.SECONDS);
        killed.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(40);

        Child second = startChild(db);
        String model0;
        try {
            assertThat(second.adminKey()).as("the admin key is created once, at the first start").isNull();
            Http again = new Http("http://127.0.0.1:" + second.port());
            List<Long> present = new ArrayList<>();
            String[] model = new String[1];
            JsonNode subjects = again.get("/api/v1/collections/crash/subjects", key).json().get("subjects");
            for (JsonNode s : subjects) {
                for (JsonNode f : again.get("/api/v1/collections/crash/subjects/" + s.get("name").asText() + "/faces", key)
                        .json().get("faces")) {
                    present.add(f.get("id").asLong());
                    assertThat(f.get("model").asText()).startsWith("fr_feature");
                    model[0] = f.get("model").asText();
                    Long id = f.get("id").asLong();
                    if (subjectOf.containsKey(id)) {
                        assertThat(s.get("name").asText()).isEqualTo(subjectOf.get(id));
                    }
                }
            }
            assertThat(present).containsAll(acknowledged);
            System.out.printf("kill -9 test: %d faces acknowledged before the kill, %d present after restart,"
                    + " %d requests cut off%n", acknowledged.size(), present.size(), failedAfterKill.get());
            // identification reads every vector back and checks its checksum: a damaged one would fail it
            LfwPeople.Person p = people.get(0);
            JsonNode id = again.postRaw("/api/v1/collections/crash/identify", key, "image/jpeg",
                    LfwPeople.read(p.photos().get(1))).json();
            assertThat(id.at("/searched/faces").asInt()).isEqualTo(present.size());
            assertThat(id.get("faces").get(0).get("decision").asText()).isEqualTo(p.name());
            model0 = model[0];
        } finally {
            second.process().destroyForcibly();
            second.process().waitFor(10, TimeUnit.SECONDS);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (SqlStore store = SqlStore.open(StoreConfig.sqlite(db))) {
            assertThat(store.templates().vectors("crash", model0)).hasSizeGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
