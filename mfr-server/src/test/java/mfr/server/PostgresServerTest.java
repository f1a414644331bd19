package mfr.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mfr.core.dataset.SharedData;
import mfr.store.sql.StoreConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service on a real PostgreSQL store (MFR_PG_URL, set by .ci/run): enroll, identify, delete. */
class PostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void enrollAndIdentifyOnPostgres() throws Exception {
        String url = System.getenv("MFR_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "MFR_PG_URL is not set: start PostgreSQL with .ci/start-postgres and export MFR_PG_URL=<the URL it prints>");
        Path lfw = SharedData.dataset("lfw-deepfunneled").orElse(null);
        Assumptions.assumeTrue(lfw != null, SharedData.missingReason("lfw-deepfunneled"));
        List<LfwPeople.Person> people = LfwPeople.withAtLeast(lfw, 3, 3);
        String schema = "srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestServer server = TestServer.start(TestServer.config(dir).withStore(StoreConfig.postgres(url, schema)))) {
            Http http = server.http;
            String key = http.postJson("/api/v1/collections", server.adminKey, Map.of("name", "pg")).json()
                    .at("/key/secret").asText();
            for (LfwPeople.Person p : people) {
                for (int i = 0; i < 2; i++) {
                    assertThat(http.postRaw("/api/v1/collections/pg/subjects/" + p.name() + "/faces", key, "image/jpeg",
                            LfwPeople.read(p.photos().get(i))).status()).isEqualTo(201);
                }
            }
            LfwPeople.Person who = people.get(1);
            JsonNode id = http.postRaw("/api/v1/collections/pg/identify", key, "image/jpeg",
                    LfwPeople.read(who.photos().get(2))).json();
            assertThat(id.get("faces").get(0).get("decision").asText()).isEqualTo(who.name());
            assertThat(http.delete("/api/v1/collections/pg/subjects/" + who.name(), key).status()).isEqualTo(200);
            JsonNode after = http.postRaw("/api/v1/collections/pg/identify", key, "image/jpeg",
                    LfwPeople.read(who.photos().get(2))).json();
            assertThat(after.get("faces").get(0).get("decision").asText()).isEqualTo("unknown");
            assertThat(http.get("/api/v1/audit", server.adminKey).json().get("events")).isNotEmpty();
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
