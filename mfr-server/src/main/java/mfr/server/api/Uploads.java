package mfr.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import mfr.core.error.ErrorCode;
import mfr.core.error.MfrException;

/**
 * Reads images from a request in any of three forms: a multipart form field, base64 in a JSON body
 * ({@code {"image": "..."}}, a data: URL prefix allowed), or the raw body with an image content type.
 */
final class Uploads {
    private Uploads() {
    }

    static byte[] image(Context ctx, String field, long maxBytes) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/")) {
            UploadedFile f;
            try {
                f = ctx.uploadedFile(field);
            } catch (RuntimeException e) {
                throw new MfrException(ErrorCode.USAGE, "malformed multipart body: " + e.getMessage());
            }
            if (f == null) {
                throw new MfrException(ErrorCode.USAGE, "multipart field '" + field + "' with the image is missing");
            }
            if (f.size() > maxBytes) {
                throw tooLarge(field, maxBytes);
            }
            try (InputStream in = f.content()) {
                return in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            } catch (IOException e) {
                throw new MfrException(ErrorCode.USAGE, "cannot read the upload '" + field + "': " + e.getMessage());
            }
        }
        if (type.startsWith("application/json")) {
            JsonNode node = Bodies.json(ctx).get(field);
            if (node == null || !node.isTextual()) {
                throw new MfrException(ErrorCode.USAGE, "JSON field '" + field + "' must hold the image as base64");
            }
            String b64 = node.asText();
            int comma = b64.startsWith("data:") ? b64.indexOf(',') : -1;
            if (comma >= 0) {
                b64 = b64.substring(comma + 1);
            }
            if ((long) b64.length() * 3 / 4 > maxBytes) {
                throw tooLarge(field, maxBytes);
            }
            try {
                return Base64.getMimeDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new MfrException(ErrorCode.USAGE, "JSON field '" + field + "' is not valid base64: " + e.getMessage());
            }
        }
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            if (!field.equals("image")) {
                throw new MfrException(ErrorCode.USAGE, "two images need multipart fields or JSON, not a raw body");
            }
            byte[] body = ctx.bodyAsBytes();
            if (body.length > maxBytes) {
                throw tooLarge(field, maxBytes);
            }
            return body;
        }
        throw new MfrException(ErrorCode.USAGE, "send the image as multipart/form-data (field '" + field
                + "'), as JSON {\"" + field + "\": \"<base64>\"}, or as a raw image/* body; got content type '"
                + (type.isEmpty() ? "none" : type) + "'");
    }

    private static MfrException tooLarge(String field, long maxBytes) {
        return new MfrException(ErrorCode.IMAGE_TOO_LARGE, "'" + field + "' is larger than the limit of "
                + maxBytes + " bytes; send a smaller image");
    }
}
