package io.gcgateway.genesys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Requests access tokens from the login host. Issuing a token twice is harmless, so the call is guarded as
 * idempotent: a 429 or 5xx from the token endpoint is retried like any read.
 */
@ApplicationScoped
@TranslateUpstreamFailures
class GenesysLoginClient {
    static final String GUARD = "genesys-login";

    private final GenesysLoginRestClient rest;
    private final String basicAuthorization;

    GenesysLoginClient(GenesysRestClients clients, GenesysEndpoints endpoints) {
        this.rest = clients.login(GenesysLoginRestClient.class);
        String pair = endpoints.clientId() + ":" + endpoints.clientSecret();
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @ApplyGuard(GUARD)
    Uni<TokenResponse> requestToken() {
        return rest.clientCredentials(basicAuthorization, "client_credentials");
    }

    @Produces
    @Singleton
    @Identifier(GUARD)
    static Guard guard(UpstreamGuards guards) {
        return guards.idempotent(GUARD);
    }
}
