package mfr.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3.0 document of the routes actually registered (built from the same {@link ApiRoute} list). */
final class OpenApi {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    static Map<String, Object> document(List<ApiRoute> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "mfr recognition service", "version", version, "description",
                "Mask-robust face recognition: collections of subjects, enrollment, verification (1:1), "
                        + "identification (1:N), detection. Errors are {code, message}. Keys: 'Authorization: Bearer "
                        + "<key>'; the admin key is printed at the first start of 'mfr serve'."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ApiRoute r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Error", Map.of("type", "object", "required", List.of("code", "message"), "properties", Map.of(
                "code", Map.of("type", "string", "example", "NOT_FOUND"),
                "message", Map.of("type", "string", "example", "no collection 'staff'"))));
        doc.put("components", Map.of("schemas", schemas, "securitySchemes",
                Map.of("apiKey", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    private static Map<String, Object> operation(ApiRoute r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        op.put("operationId", operationId(r));
        List<Map<String, Object>> params = new ArrayList<>();
        Matcher m = PARAM.matcher(r.path());
        while (m.find()) {
            params.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (r.body() == ApiRoute.Body.IMAGE || r.body() == ApiRoute.Body.TWO_IMAGES) {
            params.add(Map.of("name", "operatingPoint", "in", "query", "required", false,
                    "schema", Map.of("type", "string", "example", "far-1e-4")));
        }
        if (r.path().endsWith("/identify")) {
            params.add(Map.of("name", "k", "in", "query", "required", false,
                    "schema", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 3)));
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.body() != ApiRoute.Body.NONE) {
            op.put("requestBody", body(r.body()));
        }
        if (r.access() != ApiRoute.Access.OPEN) {
            op.put("security", List.of(Map.of("apiKey", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(String.valueOf(r.okStatus()), Map.of("description", "success"));
        Map<String, Object> err = Map.of("content", Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        responses.put("4XX", withDescription(err, "request error: 400 bad request, 401 no or wrong key, 403 key does "
                + "not reach this, 404 not found, 409 name taken, 413 image too large, 422 no face"));
        responses.put("5XX", withDescription(err, "server error"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> withDescription(Map<String, Object> m, String d) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.put("description", d);
        return out;
    }

    private static Map<String, Object> body(ApiRoute.Body kind) {
        if (kind == ApiRoute.Body.JSON) {
            return Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object"))));
        }
        List<String> fields = kind == ApiRoute.Body.TWO_IMAGES ? List.of("image1", "image2") : List.of("image");
        Map<String, Object> binary = new LinkedHashMap<>();
        Map<String, Object> b64 = new LinkedHashMap<>();
        for (String f : fields) {
            binary.put(f, Map.of("type", "string", "format", "binary"));
            b64.put(f, Map.of("type", "string", "format", "byte"));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("multipart/form-data", Map.of("schema", Map.of("type", "object", "required", fields,
                "properties", binary)));
        content.put("application/json", Map.of("schema", Map.of("type", "object", "required", fields,
                "properties", b64)));
        if (kind == ApiRoute.Body.IMAGE) {
            content.put("image/*", Map.of("schema", Map.of("type", "string", "format", "binary")));
        }
        return Map.of("required", true, "content", content);
    }

    private static String operationId(ApiRoute r) {
        StringBuilder sb = new StringBuilder(r.method().name().toLowerCase(Locale.ROOT));
        for (String part : r.path().replace("/api/v1", "").split("/")) {
            String p = part.replaceAll("[{}]", "");
            if (!p.isEmpty()) {
                sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
            }
        }
        return sb.toString();
    }
}
