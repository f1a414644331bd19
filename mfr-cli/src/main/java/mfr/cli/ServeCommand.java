package mfr.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.onnx.model.MfrHome;
import mfr.server.app.App;
import mfr.server.app.ServerConfig;
import mfr.store.sql.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the recognition service on localhost: REST API (/openapi.json), web page (/), /metrics and",
            "/health. Uses the default models (installed on first use) and an SQLite store under $MFR_HOME/store, with no",
            "other setup; or PostgreSQL with --postgres. At the first start it creates the admin key and prints it once:",
            "only its hash is kept (lost it? restart with --new-admin-key). The admin creates collections, each with its",
            "own keys; a collection key reaches only its collection. Stop with Ctrl-C.",
            "Example: mfr serve --port 8080"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "interface to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--postgres", paramLabel = "JDBC_URL",
            description = "store templates in PostgreSQL, e.g. jdbc:postgresql://127.0.0.1:5432/mfr?user=mfr&password=...")
    String postgres;

    @Option(names = "--sqlite", paramLabel = "FILE", description = "SQLite file (default: $MFR_HOME/store/mfr.db)")
    java.nio.file.Path sqlite;

    @Option(names = "--max-upload-mb", defaultValue = "10", description = "largest image accepted, MiB (default: ${DEFAULT-VALUE})")
    int maxUploadMb;

    @Option(names = "--new-admin-key", description = "revoke the admin key and print a new one")
    boolean newAdminKey;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535 || maxUploadMb < 1) {
            throw new MfrException(ErrorCode.USAGE, "--port must be 0..65535 and --max-upload-mb at least 1");
        }
        MfrHome home = MfrHome.resolve();
        ServerConfig cfg = ServerConfig.defaults(home).withPort(port).withHost(host).withNewAdminKey(newAdminKey)
                .withLimits((long) maxUploadMb << 20, ServerConfig.defaults(home).maxPixels());
        if (postgres != null) {
            cfg = cfg.withStore(StoreConfig.postgres(postgres, null));
        } else if (sqlite != null) {
            cfg = cfg.withStore(StoreConfig.sqlite(sqlite));
        }
        App app = App.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "mfr-serve-shutdown"));
        System.out.println("mfr serve: web page  " + app.url());
        System.out.println("mfr serve: API       " + app.url() + "openapi.json   (health: " + app.url() + "health, metrics: "
                + app.url() + "metrics)");
        app.newAdminKey().ifPresentOrElse(
                k -> System.out.println("mfr serve: admin key " + k + "\n           shown once, only its hash is"
                        + " stored: keep it now (lost it? restart with --new-admin-key)"),
                () -> System.out.println("mfr serve: admin key was shown at the first start (lost it? restart with"
                        + " --new-admin-key)"));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
