package mfr.server.api;

import static mfr.server.api.ApiRoute.Access.OPEN;
import static mfr.server.api.ApiRoute.Body.NONE;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** Liveness, metrics, the OpenAPI document and the web page: no key needed. */
final class SystemRoutes {
    private final Services s;
    private final Supplier<List<ApiRoute>> all;
    private final long started = System.currentTimeMillis();

    SystemRoutes(Services s, Supplier<List<ApiRoute>> all) {
        this.s = s;
        this.all = all;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.GET, "/health", "Liveness: the store answers and the model is loaded",
                        OPEN, null, NONE, 200, this::health),
                new ApiRoute(HandlerType.GET, "/metrics", "Prometheus metrics (text format 0.0.4)", OPEN, null, NONE,
                        200, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape())),
                new ApiRoute(HandlerType.GET, "/openapi.json", "This document", OPEN, null, NONE, 200,
                        ctx -> ctx.json(OpenApi.document(all.get(), "0.1.0"))),
                new ApiRoute(HandlerType.GET, "/", "The web page: enroll and identify from a file or the webcam",
                        OPEN, null, NONE, 200, ctx -> resource(ctx, "index.html", "text/html; charset=utf-8")),
                new ApiRoute(HandlerType.GET, "/app.js", "The web page's script", OPEN, null, NONE, 200,
                        ctx -> resource(ctx, "app.js", "text/javascript; charset=utf-8")));
    }

    private void health(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        s.store().collections();
        m.put("status", "ok");
        m.put("model", s.recognizer().modelId());
        m.put("operatingPoint", s.operatingPoints().defaultPoint());
        m.put("uptimeSeconds", (System.currentTimeMillis() - started) / 1000);
        ctx.json(m);
    }

    private static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/mfr/server/web/" + name)) {
            if (in == null) {
                throw new MfrException(ErrorCode.INTERNAL, "web resource " + name + " is missing from the jar");
            }
            ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }
}
