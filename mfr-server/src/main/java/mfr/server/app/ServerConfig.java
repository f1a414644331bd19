package mfr.server.app;

import java.util.LinkedHashMap;
import java.util.Map;
import mfr.onnx.model.MfrHome;
import mfr.store.index.HnswSettings;
import mfr.store.sql.StoreConfig;

/**
 * Everything that configures the service, in one typed object; {@link #describe()} is logged at start.
 *
 * @param host            interface to listen on (loopback by default)
 * @param port            TCP port (0: any free port)
 * @param home            MFR_HOME: models, and the default SQLite store
 * @param store           template store
 * @param maxUploadBytes  largest image accepted in one field
 * @param maxPixels       largest width x height accepted, read from the header before decoding
 * @param inferenceSlots  images analysed at once; more requests wait their turn
 * @param hnswThreshold   templates in a collection above which the HNSW index answers searches
 * @param hnsw            HNSW parameters
 * @param newAdminKey     replace the admin key at start (and print the new one)
 */
public record ServerConfig(String host, int port, MfrHome home, StoreConfig store, long maxUploadBytes, long maxPixels,
                           int inferenceSlots, int hnswThreshold, HnswSettings hnsw, boolean newAdminKey) {
    public static final int DEFAULT_PORT = 8080;

    public static ServerConfig defaults(MfrHome home) {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, home, StoreConfig.sqlite(home.root().resolve("store/mfr.db")),
                10L << 20, 40_000_000L, Math.max(1, Runtime.getRuntime().availableProcessors()), 50_000,
                HnswSettings.DEFAULT, false);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, home, store, maxUploadBytes, maxPixels, inferenceSlots, hnswThreshold, hnsw,
                newAdminKey);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, home, store, maxUploadBytes, maxPixels, inferenceSlots, hnswThreshold, hnsw,
                newAdminKey);
    }

    public ServerConfig withStore(StoreConfig s) {
        return new ServerConfig(host, port, home, s, maxUploadBytes, maxPixels, inferenceSlots, hnswThreshold, hnsw,
                newAdminKey);
    }

    public ServerConfig withLimits(long bytes, long pixels) {
        return new ServerConfig(host, port, home, store, bytes, pixels, inferenceSlots, hnswThreshold, hnsw, newAdminKey);
    }

    public ServerConfig withNewAdminKey(boolean b) {
        return new ServerConfig(host, port, home, store, maxUploadBytes, maxPixels, inferenceSlots, hnswThreshold, hnsw, b);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("port", port);
        m.put("home", home.root().toAbsolutePath().toString());
        m.putAll(store.describe());
        m.put("maxUploadBytes", maxUploadBytes);
        m.put("maxPixels", maxPixels);
        m.put("inferenceSlots", inferenceSlots);
        m.put("hnswThreshold", hnswThreshold);
        m.put("hnsw", hnsw);
        m.put("newAdminKey", newAdminKey);
        return m;
    }
}
