package mfr.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.server.auth.Caller;
import mfr.store.audit.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every route behind one wrapper (key check, access rule), renders every failure as {@code {code,
 * message}}, and after each request records its latency and, for audited actions, an audit event.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String ROUTE = "mfr.route";

    private final Services s;
    private final List<ApiRoute> routes;

    public Router(Services s) {
        this.s = s;
        List<ApiRoute> all = new ArrayList<>();
        all.addAll(new CollectionRoutes(s).routes());
        all.addAll(new SubjectRoutes(s).routes());
        all.addAll(new RecognitionRoutes(s).routes());
        all.addAll(new SystemRoutes(s, this::routes).routes());
        this.routes = List.copyOf(all);
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    public void register(RoutesConfig config) {
        for (ApiRoute r : routes) {
            config.addHttpHandler(r.method(), r.path(), ctx -> {
                ctx.attribute(ROUTE, r);
                if (r.access() != ApiRoute.Access.OPEN) {
                    Caller c = s.keys().authenticate(presentedKey(ctx));
                    ctx.attribute(Services.CALLER, c);
                    if (r.access() == ApiRoute.Access.ADMIN) {
                        c.requireAdmin();
                    } else if (r.access() == ApiRoute.Access.COLLECTION) {
                        c.requireCollection(ctx.pathParam("collection"));
                    }
                }
                r.handler().handle(ctx);
            });
        }
    }

    private static String presentedKey(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return ctx.header("X-Api-Key");
    }

    public void failed(MfrException e, Context ctx) {
        ctx.attribute(Services.OUTCOME, e.code().name());
        if (e.code() == ErrorCode.INTERNAL || e.code() == ErrorCode.IO) {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        error(ctx, e.code().httpStatus(), e.code().name(), e.getMessage());
    }

    public void httpFailed(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String code = status == 413 ? ErrorCode.IMAGE_TOO_LARGE.name() : status == 404 ? ErrorCode.NOT_FOUND.name()
                : status < 500 ? ErrorCode.USAGE.name() : ErrorCode.INTERNAL.name();
        String msg = status == 413 ? "request body larger than the limit of " + (s.maxUploadBytes() * 3 + (1 << 20))
                + " bytes; send a smaller image" : e.getMessage();
        ctx.attribute(Services.OUTCOME, code);
        if (status == 413) {
            ctx.header("Connection", "close"); // the oversized body is not read
        }
        error(ctx, status, code, msg);
    }

    public void crashed(Exception e, Context ctx) {
        // Jetty reports a malformed multipart body or an oversized part as an exception of its own: a client error.
        String msg = String.valueOf(e.getMessage());
        Throwable t = e;
        while (t != null) {
            if (t instanceof MfrException m) {
                failed(m, ctx);
                return;
            }
            if (t.getClass().getName().contains("BadMessage") || t instanceof IllegalStateException
                    && msg.toLowerCase(java.util.Locale.ROOT).contains("multipart")) {
                ctx.attribute(Services.OUTCOME, ErrorCode.USAGE.name());
                // the rest of the body is unread: tell the client that this connection ends here
                ctx.header("Connection", "close");
                error(ctx, 400, ErrorCode.USAGE.name(), "malformed request body: " + msg);
                return;
            }
            t = t.getCause();
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        ctx.attribute(Services.OUTCOME, ErrorCode.INTERNAL.name());
        error(ctx, 500, ErrorCode.INTERNAL.name(), "internal error (" + e.getClass().getSimpleName()
                + "); the server log has the details");
    }

    public void notFound(Context ctx) {
        if (ctx.attribute(Services.OUTCOME) != null) {
            return; // a handler already answered with its own message
        }
        error(ctx, ctx.statusCode(), ErrorCode.NOT_FOUND.name(), ctx.statusCode() == 405
                ? ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json"
                : "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json");
    }

    private static void error(Context ctx, int status, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        ctx.status(status).json(m);
    }

    /** After every request: latency histogram, and the audit event of audited routes. */
    public void completed(Context ctx, Float ms) {
        ApiRoute r = ctx.attribute(ROUTE);
        String route = r == null ? "unmatched" : r.path();
        s.metrics().request(ctx.method().name(), route, ctx.statusCode(), ms / 1000.0);
        if (r == null || r.audit() == null) {
            return;
        }
        Caller c = ctx.attribute(Services.CALLER);
        String outcome = ctx.attribute(Services.OUTCOME);
        if (outcome == null || ctx.statusCode() >= 400 && "error".equals(outcome)) {
            outcome = ctx.statusCode() < 400 ? "ok" : "error";
        }
        if (ctx.statusCode() == 401 || ctx.statusCode() == 403) {
            outcome = ctx.statusCode() == 401 ? ErrorCode.UNAUTHORIZED.name() : ErrorCode.FORBIDDEN.name();
        }
        String collection = ctx.pathParamMap().get("collection");
        try {
            s.audit().append(new AuditEvent(Instant.now(), c == null ? "anonymous" : c.keyId(), r.audit(), collection,
                    ctx.attribute(Services.TARGET), outcome, ctx.statusCode()));
        } catch (RuntimeException e) {
            LOG.error("audit log write failed for {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
    }
}
