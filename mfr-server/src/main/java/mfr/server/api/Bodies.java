package mfr.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/** JSON request bodies, parsed once per request; malformed JSON is a 400 with the parser's reason. */
final class Bodies {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {
    }

    static JsonNode json(Context ctx) {
        JsonNode cached = ctx.attribute("mfr.json");
        if (cached != null) {
            return cached;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.bodyAsBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MfrException(ErrorCode.USAGE, "malformed JSON body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MfrException(ErrorCode.USAGE, "cannot read the JSON body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MfrException(ErrorCode.USAGE, "the body must be a JSON object");
        }
        ctx.attribute("mfr.json", node);
        return node;
    }

    static String text(Context ctx, String field, boolean required) {
        JsonNode n = json(ctx).get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new MfrException(ErrorCode.USAGE, "JSON field '" + field + "' is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new MfrException(ErrorCode.USAGE, "JSON field '" + field + "' must be a string");
        }
        return n.asText();
    }

    static boolean bool(Context ctx, String field, boolean dflt) {
        JsonNode n = json(ctx).get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw new MfrException(ErrorCode.USAGE, "JSON field '" + field + "' must be true or false");
        }
        return n.asBoolean();
    }

    /** A name for a collection or subject: 1 to 128 characters, letters, digits, space and . _ - */
    static String name(String value, String what) {
        if (value == null || !value.matches("[\\p{L}\\p{N} ._-]{1,128}") || value.isBlank()) {
            throw new MfrException(ErrorCode.USAGE, what + " name must be 1-128 letters, digits, spaces, '.', '_' or '-'");
        }
        return value;
    }
}
