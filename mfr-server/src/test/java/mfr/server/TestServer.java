package mfr.server;

import java.nio.file.Path;
import java.util.List;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.model.MfrHome;
import mfr.onnx.runtime.OrtSettings;
import mfr.server.app.App;
import mfr.server.app.ServerConfig;
import mfr.store.sql.SqlStore;
import mfr.store.sql.StoreConfig;

/**
 * A real server on a free loopback port, with the shared default models and its own SQLite store in a temporary
 * folder. One analyzer serves every test class of the JVM.
 */
public final class TestServer implements AutoCloseable {
    private static FaceAnalyzer analyzer;

    public final App app;
    public final Http http;
    public final String adminKey;

    private TestServer(App app) {
        this.app = app;
        this.http = new Http(app.url());
        this.adminKey = app.newAdminKey().orElseThrow();
    }

    static synchronized FaceAnalyzer analyzer() {
        if (analyzer == null) {
            analyzer = FaceAnalyzer.open(AnalyzerConfig.defaults().withOrt(OrtSettings.singleThread()));
            Runtime.getRuntime().addShutdownHook(new Thread(analyzer::close));
        }
        return analyzer;
    }

    public static ServerConfig config(Path dir) {
        MfrHome models = MfrHome.resolve();
        return ServerConfig.defaults(models).withPort(0).withStore(StoreConfig.sqlite(dir.resolve("mfr.db")));
    }

    public static TestServer start(Path dir) {
        return start(config(dir));
    }

    public static TestServer start(ServerConfig cfg) {
        SqlStore store = SqlStore.open(cfg.store());
        return new TestServer(App.start(cfg, analyzer(), store, List.of(store)));
    }

    @Override
    public void close() {
        app.close();
    }
}
