package mfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mfr.core.dataset.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** serve, calibrate, index-bench and load-test from the command line (small runs; the real figures are in docs). */
class ServiceCommandsTest {
    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "calibrate", "index-bench", "load-test"})
    void helpTeaches(String command) {
        CliRunner.Run r = CliRunner.run(command, "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: mfr " + command).contains("Example: mfr " + command);
    }

    @Test
    void serveRefusesABadPort() {
        CliRunner.Run r = CliRunner.run("serve", "--port", "70000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("mfr: ").contains("--port");
    }

    @Test
    void indexBenchMeasuresExactAndHnsw() throws Exception {
        CliRunner.Run r = CliRunner.run("index-bench", "--vectors", "3000", "--dim", "64", "--queries", "100", "--ef",
                "16,64", "--scorer", "simd,lucene", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = json(r.out());
        assertThat(j.get("vectors").asInt()).isEqualTo(3000);
        assertThat(j.get("hnsw")).hasSize(2);
        assertThat(j.at("/hnsw/0/scorer").asText()).isEqualTo("simd");
        assertThat(j.at("/hnsw/1/scorer").asText()).isEqualTo("lucene");
        for (JsonNode run : j.get("hnsw")) {
            assertThat(run.get("buildS").asDouble()).isPositive();
            assertThat(run.get("efs")).hasSize(2);
            double r16 = run.get("efs").get(0).get("recallAt1").asDouble();
            double r64 = run.get("efs").get(1).get("recallAt1").asDouble();
            assertThat(r64).as(run.toString()).isGreaterThanOrEqualTo(r16).isGreaterThan(0.9);
        }
        assertThat(j.at("/flat/p50Ms").asDouble()).isPositive();
    }

    @Test
    void loadTestRunsWithoutErrors() throws Exception {
        Assumptions.assumeTrue(SharedData.dataset("lfw-deepfunneled").isPresent(),
                SharedData.missingReason("lfw-deepfunneled"));
        CliRunner.Run r = CliRunner.run("load-test", "--clients", "2", "--seconds", "3", "--people", "4", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = json(r.out());
        assertThat(j.get("requests").asInt()).isPositive();
        assertThat(j.get("errors").asInt()).isZero();
        assertThat(j.at("/all/p99Ms").asDouble()).isGreaterThanOrEqualTo(j.at("/all/p50Ms").asDouble());
    }
}
