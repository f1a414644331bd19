package mfr.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API: what the router serves and what the OpenAPI document describes come from the same list.
 *
 * @param method   HTTP method
 * @param path     Javalin path with {params}
 * @param summary  one line for the OpenAPI document
 * @param access   who may call it
 * @param audit    action name written to the audit log, or null when not audited
 * @param body     request body kind
 * @param okStatus status of a success
 * @param handler  the handler
 */
public record ApiRoute(HandlerType method, String path, String summary, Access access, String audit, Body body,
                       int okStatus, Handler handler) {
    public enum Access { OPEN, ANY_KEY, COLLECTION, ADMIN }

    public enum Body { NONE, JSON, IMAGE, TWO_IMAGES }
}
