package io.gcgateway.gateway;

import io.gcgateway.cache.CanonicalJson;
import io.gcgateway.cache.CanonicalJson.Fractions;
import io.vertx.core.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The key of a kept response: the request as one string (document, operation name and variables). The front door has
 * the request as Vert.x JSON and the engine as JSON-P; both give the same key.
 */
final class ResponseCacheKey {
    private ResponseCacheKey() {
    }

    /**
     * The key of {@code request} (a Vert.x or JSON-P object), or null when it has none: when a variable holds a
     * number that is not an integer (the two parsers may read those differently), or the document is not a string.
     */
    static String of(Object request) {
        StringBuilder key = new StringBuilder(256);
        // Lengths first, so that no text can move between the document and the operation name.
        if (!text(member(request, "query"), key)) {
            return null;
        }
        Object operationName = member(request, "operationName");
        if (isNull(operationName)) {
            key.append('-');
        } else if (!text(operationName, key)) {
            return null;
        }
        Object variables = member(request, "variables");
        return isNull(variables) || CanonicalJson.append(variables, key, Fractions.REFUSED) ? key.toString() : null;
    }

    private static Object member(Object object, String name) {
        if (object instanceof JsonObject vertx) {
            return vertx.getValue(name);
        }
        if (object instanceof jakarta.json.JsonObject jsonp) {
            return jsonp.get(name);
        }
        return null;
    }

    private static boolean isNull(Object value) {
        return value == null || value == JsonValue.NULL;
    }

    /** Appends a string member as {@code <length>:<text>}; false when it is not a string. */
    private static boolean text(Object value, StringBuilder out) {
        String string = value instanceof String s ? s : value instanceof JsonString s ? s.getString() : null;
        if (string == null) {
            return false;
        }
        out.append(string.length()).append(':').append(string);
        return true;
    }
}
