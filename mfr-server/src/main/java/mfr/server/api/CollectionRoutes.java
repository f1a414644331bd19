package mfr.server.api;

import static mfr.server.api.ApiRoute.Access.ADMIN;
import static mfr.server.api.ApiRoute.Access.ANY_KEY;
import static mfr.server.api.ApiRoute.Access.COLLECTION;
import static mfr.server.api.ApiRoute.Body.JSON;
import static mfr.server.api.ApiRoute.Body.NONE;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;
import mfr.server.auth.ApiKeys;
import mfr.server.auth.Caller;
import mfr.store.audit.AuditEvent;
import mfr.store.key.ApiKeyRecord;
import mfr.store.template.FaceCollection;

/** Collections, their keys, and the audit log: the admin's routes (a collection key may read its own collection). */
final class CollectionRoutes {
    private final Services s;

    CollectionRoutes(Services s) {
        this.s = s;
    }

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, "/api/v1/collections", "Create a collection and its first key (admin). "
                        + "Body: {name, storePhotos=false}. The key's secret is shown only in this answer.",
                        ADMIN, "create-collection", JSON, 201, this::create),
                new ApiRoute(HandlerType.GET, "/api/v1/collections", "List the collections the key reaches",
                        ANY_KEY, null, NONE, 200, this::list),
                new ApiRoute(HandlerType.GET, "/api/v1/collections/{collection}", "One collection with its template count",
                        COLLECTION, null, NONE, 200, this::get),
                new ApiRoute(HandlerType.DELETE, "/api/v1/collections/{collection}", "Delete a collection with its subjects,"
                        + " faces, photos and keys (admin)", ADMIN, "delete-collection", NONE, 200, this::delete),
                new ApiRoute(HandlerType.POST, "/api/v1/collections/{collection}/keys", "Issue another key for a "
                        + "collection (admin). Body: {label}. The secret is shown only in this answer.",
                        ADMIN, "create-key", JSON, 201, this::createKey),
                new ApiRoute(HandlerType.GET, "/api/v1/collections/{collection}/keys", "List a collection's keys, "
                        + "without secrets (admin)", ADMIN, null, NONE, 200, this::listKeys),
                new ApiRoute(HandlerType.DELETE, "/api/v1/keys/{keyId}", "Revoke a key (admin)", ADMIN, "revoke-key",
                        NONE, 200, this::revokeKey),
                new ApiRoute(HandlerType.GET, "/api/v1/audit", "The newest audit events, newest first (admin); "
                        + "?limit=100", ADMIN, null, NONE, 200, this::audit));
    }

    private void create(Context ctx) {
        String name = Bodies.name(Bodies.text(ctx, "name", true), "collection");
        boolean photos = Bodies.bool(ctx, "storePhotos", false);
        FaceCollection c = s.store().createCollection(name, photos);
        ApiKeys.Issued key = s.keys().issue(ApiKeyRecord.Role.COLLECTION, name, "first key of " + name);
        Map<String, Object> m = Views.collection(c);
        m.put("key", issued(key));
        Services.outcome(ctx, "ok", name);
        ctx.status(201).json(m);
    }

    private void list(Context ctx) {
        Caller caller = Services.caller(ctx);
        Map<String, Integer> counts = s.store().templateCounts();
        List<Map<String, Object>> out = new ArrayList<>();
        for (FaceCollection c : s.store().collections()) {
            if (caller.admin() || c.name().equals(caller.collection())) {
                Map<String, Object> m = Views.collection(c);
                m.put("faces", counts.getOrDefault(c.name(), 0));
                out.add(m);
            }
        }
        ctx.json(Map.of("collections", out));
    }

    private void get(Context ctx) {
        String name = ctx.pathParam("collection");
        FaceCollection c = s.store().collection(name).orElseThrow(() -> new MfrException(ErrorCode.NOT_FOUND,
                "no collection '" + name + "'"));
        Map<String, Object> m = Views.collection(c);
        m.put("faces", s.store().templateCounts().getOrDefault(name, 0));
        m.put("subjects", s.store().subjects(name).size());
        m.put("index", s.galleries().of(name).kind());
        ctx.json(m);
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("collection");
        s.store().deleteCollection(name);
        s.galleries().removedCollection(name);
        Services.outcome(ctx, "ok", null);
        ctx.json(Map.of("deleted", name));
    }

    private void createKey(Context ctx) {
        String name = ctx.pathParam("collection");
        String label = ctx.body().isBlank() ? null : Bodies.text(ctx, "label", false);
        if (s.store().collection(name).isEmpty()) {
            throw new MfrException(ErrorCode.NOT_FOUND, "no collection '" + name + "'");
        }
        ApiKeys.Issued key = s.keys().issue(ApiKeyRecord.Role.COLLECTION, name, label);
        Services.outcome(ctx, "ok", key.keyId());
        ctx.status(201).json(issued(key));
    }

    private void listKeys(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ApiKeyRecord k : s.keys().list(ctx.pathParam("collection"))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.keyId());
            m.put("label", k.label());
            m.put("createdAt", k.createdAt().toString());
            out.add(m);
        }
        ctx.json(Map.of("keys", out));
    }

    private void revokeKey(Context ctx) {
        String id = ctx.pathParam("keyId");
        if (id.equals(Services.caller(ctx).keyId())) {
            throw new MfrException(ErrorCode.USAGE, "the admin key cannot revoke itself; restart with"
                    + " 'mfr serve --new-admin-key' to replace it");
        }
        if (!s.keys().revoke(id)) {
            throw new MfrException(ErrorCode.NOT_FOUND, "no key '" + id + "'");
        }
        Services.outcome(ctx, "ok", id);
        ctx.json(Map.of("revoked", id));
    }

    private void audit(Context ctx) {
        int limit = Services.intParam(ctx, "limit", 100, 1, 10_000);
        List<AuditEvent> events = s.audit().tail(limit);
        ctx.json(Map.of("events", events.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("collection", e.collection());
            m.put("target", e.target());
            m.put("outcome", e.outcome());
            m.put("status", e.status());
            return m;
        }).toList()));
    }

    private static Map<String, Object> issued(ApiKeys.Issued k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.keyId());
        m.put("secret", k.key());
        m.put("collection", k.collection());
        m.put("note", "shown once: store it now; only its hash is kept");
        return m;
    }
}
