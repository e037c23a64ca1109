package io.gcgateway.actions;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.AccessTokenProvider;
import io.gcgateway.genesys.EntityListing;
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

/** Genesys Integrations data-action reads with the upstream policy. */
@ApplicationScoped
@TranslateUpstreamFailures
public class ActionsClient {
    static final String READS = "genesys-actions";

    private final ActionsRestClient rest;
    private final AccessTokenProvider tokens;

    ActionsClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(ActionsRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(READS)
    Uni<EntityListing<JsonNode>> list(int pageSize, int pageNumber, String category, String nameContains) {
        return tokens.retryOnceIfTokenRejected(() -> rest.list(pageSize, pageNumber, category, nameContains, "name", "ASC"));
    }

    /** One action with its contract and config. */
    @ApplyGuard(READS)
    Uni<JsonNode> get(String actionId) {
        return tokens.retryOnceIfTokenRejected(() -> rest.get(actionId, "contract", true));
    }

    @Produces
    @Singleton
    @Identifier(READS)
    static Guard readsGuard(UpstreamGuards guards) {
        return guards.idempotent(READS);
    }
}
