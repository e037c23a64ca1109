package io.gcgateway.security;

import io.gcgateway.errors.GraphQLErrorResponse;
import io.gcgateway.errors.UnauthenticatedException;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Invalid credentials (an unknown API key, a forged or expired JWT) are refused before the GraphQL request runs:
 * HTTP 401 with a GraphQL error body carrying {@code UNAUTHENTICATED}, so clients handle it like every other error.
 * The front door establishes the caller first ({@link CallerAccess#authenticated}); missing credentials get the same
 * code there with HTTP 200, as an operation's role check would answer it.
 */
@ApplicationScoped
class CredentialFailureHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (!(context.failure() instanceof AuthenticationFailedException) || context.response().headWritten()) {
                context.next();
                return;
            }
            context.response().putHeader("WWW-Authenticate", "Bearer");
            GraphQLErrorResponse.send(context, 401, UnauthenticatedException.CODE, "The credentials are not valid");
        });
    }
}
