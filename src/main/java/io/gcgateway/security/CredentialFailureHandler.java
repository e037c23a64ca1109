package io.gcgateway.security;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Invalid credentials (an unknown API key, a forged or expired JWT) are refused before the GraphQL request runs:
 * HTTP 401 with a GraphQL error body carrying {@code UNAUTHENTICATED}, so clients handle it like every other error.
 * Missing credentials reach the operation, whose role check answers the same code with HTTP 200.
 */
@ApplicationScoped
class CredentialFailureHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationFailedException) || context.response().headWritten()) {
                context.next();
                return;
            }
            JsonObject error = new JsonObject().put("message", "The credentials are not valid")
                    .put("extensions", new JsonObject().put("code", "UNAUTHENTICATED"));
            context.response().setStatusCode(401)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("WWW-Authenticate", "Bearer")
                    .end(new JsonObject().put("errors", new JsonArray().add(error)).put("data", (Object) null).encode());
        });
    }
}
