package io.gcgateway.organization;

import io.gcgateway.genesys.AccessTokenProvider;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.genesys.TranslateUpstreamFailures;
import io.gcgateway.genesys.UpstreamGuards;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Genesys organization calls with the upstream policy applied. */
@ApplicationScoped
@TranslateUpstreamFailures
public class OrganizationClient {
    static final String GUARD = "genesys-organization";

    private final OrganizationRestClient rest;
    private final AccessTokenProvider tokens;

    OrganizationClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(OrganizationRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(GUARD)
    public Uni<Organization> me() {
        return tokens.retryOnceIfTokenRejected(rest::me);
    }

    @Produces
    @Singleton
    @Identifier(GUARD)
    static Guard guard(UpstreamGuards guards) {
        return guards.idempotent(GUARD);
    }
}
