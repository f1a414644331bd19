package mfr.server;

import java.nio.file.Path;
import mfr.server.app.App;
import mfr.server.app.ServerConfig;
import mfr.onnx.model.MfrHome;
import mfr.store.sql.StoreConfig;

/** The server in a child JVM, for the kill -9 test: prints its port (and a new admin key), then serves. */
public final class KillTarget {
    private KillTarget() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig cfg = ServerConfig.defaults(MfrHome.resolve()).withPort(0)
                .withStore(StoreConfig.sqlite(Path.of(args[0])));
        App app = App.start(cfg);
        app.newAdminKey().ifPresent(k -> System.out.println("ADMIN " + k));
        System.out.println("PORT " + app.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
