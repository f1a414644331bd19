package mfr.server.app;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.core.face.Embedding;
import mfr.core.image.ImageLimits;
import mfr.core.image.RgbImage;
import mfr.mask.classify.MaskClassifier;
import mfr.onnx.analyzer.AnalyzerConfig;
import mfr.onnx.analyzer.FaceAnalyzer;
import mfr.onnx.runtime.OrtSettings;
import mfr.server.api.ApiRoute;
import mfr.server.api.Router;
import mfr.server.api.Services;
import mfr.server.auth.ApiKeys;
import mfr.server.metrics.Metrics;
import mfr.server.recognition.Galleries;
import mfr.server.recognition.OperatingPoints;
import mfr.server.recognition.Recognizer;
import mfr.store.sql.SqlStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recognition service, wired in one place: models, store, keys, indexes, metrics, routes, HTTP server.
 * {@link #start(ServerConfig)} opens everything it needs; closing the app stops the server and releases them.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final ServerConfig config;
    private final Javalin javalin;
    private final List<AutoCloseable> owned;
    private final Galleries galleries;
    private final String adminKey;

    private App(ServerConfig config, Javalin javalin, List<AutoCloseable> owned, Galleries galleries, String adminKey) {
        this.config = config;
        this.javalin = javalin;
        this.owned = owned;
        this.galleries = galleries;
        this.adminKey = adminKey;
    }

    /** Opens the default models (installing them on first use) and the store, then serves. */
    public static App start(ServerConfig config) {
        AnalyzerConfig ac = AnalyzerConfig.defaults().withHome(config.home()).withOrt(OrtSettings.singleThread());
        FaceAnalyzer analyzer = FaceAnalyzer.open(ac);
        SqlStore store;
        try {
            store = SqlStore.open(config.store());
        } catch (RuntimeException e) {
            analyzer.close();
            throw e;
        }
        try {
            return start(config, analyzer, store, List.of(store, analyzer));
        } catch (RuntimeException e) {
            store.close();
            analyzer.close();
            throw e;
        }
    }

    /** Serves with an open analyzer and store; closes those in {@code owned} when the app closes. */
    public static App start(ServerConfig config, FaceAnalyzer analyzer, SqlStore store, List<AutoCloseable> owned) {
        LOG.info("server config {}", config.describe());
        Metrics metrics = new Metrics();
        String embedderId = analyzer.config().embedderId();
        // the id templates are tagged with (model id and digest): only templates of this exact model are compared
        Embedding probe = analyzer.embedAligned(new RgbImage(112, 112, new byte[112 * 112 * 3]));
        String modelId = probe.modelId();
        int dim = probe.dimension();
        OperatingPoints ops = OperatingPoints.load(config.home().models(), embedderId).orElseThrow(() ->
                new MfrException(ErrorCode.MODEL, "model " + embedderId + " has no operating points; run 'mfr calibrate"
                        + " --embedder " + embedderId + "' first"));
        LOG.info("model {} ({} dims), operating points {} (default {})", modelId, dim,
                ops.points().stream().map(p -> p.name() + "=" + p.threshold()).toList(), ops.defaultPoint());
        ApiKeys keys = new ApiKeys(store.keys());
        String admin = null;
        Optional<ApiKeys.Issued> issued = config.newAdminKey() ? Optional.of(keys.replaceAdmin()) : keys.issueAdminIfMissing();
        if (issued.isPresent()) {
            admin = issued.get().key();
        }
        Galleries galleries = new Galleries(store.templates(), modelId, dim, config.hnswThreshold(), config.hnsw());
        Recognizer recognizer = new Recognizer(analyzer, modelId, new ImageLimits(config.maxUploadBytes(), config.maxPixels(),
                analyzer.config().imageLimits().maxDecodeSide()), config.inferenceSlots(), metrics::stage,
                MaskClassifier.load(analyzer.config().home().models()).orElse(null));
        Services services = new Services(store.templates(), keys, store.audit(), recognizer, galleries, ops, metrics,
                config.maxUploadBytes());
        metrics.gauge("mfr_templates", "Enrolled faces (templates) per collection, all models.", () -> {
            Map<String, Double> m = new java.util.TreeMap<>();
            store.templates().templateCounts().forEach((c, n) -> m.put("collection=\"" + Metrics.escape(c) + "\"",
                    n.doubleValue()));
            return m;
        });
        metrics.gauge("mfr_index_vectors", "Vectors in the loaded search indexes, by collection and index kind.", () -> {
            Map<String, Double> m = new java.util.TreeMap<>();
            galleries.loaded().forEach((c, g) -> m.put("collection=\"" + Metrics.escape(c) + "\",index=\"" + g.kind()
                    + "\"", (double) g.size()));
            return m;
        });
        Router router = new Router(services);
        long maxRequest = config.maxUploadBytes() * 3 + (1 << 20); // two images, base64 (+33 %), form overhead
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.http.maxRequestSize = maxRequest;
            cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(maxRequest, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, maxRequest), SizeUnit.BYTES);
            cfg.requestLogger.http(router::completed);
            router.register(cfg.routes);
            cfg.routes.exception(MfrException.class, router::failed);
            cfg.routes.exception(HttpResponseException.class, router::httpFailed);
            cfg.routes.exception(Exception.class, router::crashed);
            cfg.routes.error(404, ctx -> router.notFound(ctx));
            cfg.routes.error(405, ctx -> router.notFound(ctx));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            galleries.close();
            throw new MfrException(ErrorCode.IO, "cannot listen on " + config.host() + ":" + config.port() + " ("
                    + rootMessage(e) + "); choose another port with --port", e);
        }
        List<AutoCloseable> all = new java.util.ArrayList<>(owned);
        LOG.info("listening on http://{}:{}/", config.host(), app.port());
        return new App(config, app, all, galleries, admin);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public int port() {
        return javalin.port();
    }

    public String url() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + h + ":" + port() + "/";
    }

    /** The admin key when it was created by this start (first start, or --new-admin-key): show it once. */
    public Optional<String> newAdminKey() {
        return Optional.ofNullable(adminKey);
    }

    @Override
    public void close() {
        javalin.stop();
        galleries.close();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
    }

    /** For tests: the routes the server registers. */
    public static List<ApiRoute> routes(Services s) {
        return new Router(s).routes();
    }
}
