package io.gcgateway.errors;

import io.gcgateway.telemetry.TraceIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A GraphQL error response written at the HTTP layer, before any operation runs: same shape as the engine's. */
public final class GraphQLErrorResponse {
    private GraphQLErrorResponse() {
    }

    public static void send(RoutingContext context, int status, String code, String message) {
        JsonObject extensions = new JsonObject().put("code", code);
        String traceId = TraceIds.current();
        if (traceId != null) {
            extensions.put("traceId", traceId);
        }
        JsonObject error = new JsonObject().put("message", message).put("extensions", extensions);
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).put("data", (Object) null).encode());
    }
}
