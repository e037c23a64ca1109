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

/**
 * Genesys Integrations calls with the upstream policy. Reads are idempotent. Executing or testing an action runs its
 * remote request, and creating or publishing one changes Genesys: those are retried only when Genesys cannot have
 * acted (429, connection refused). A 401 means the request was rejected before anything ran, so it is repeated once
 * with a fresh token in every case.
 */
@ApplicationScoped
@TranslateUpstreamFailures
public class ActionsClient {
    static final String READS = "genesys-actions";
    static final String EXECUTIONS = "genesys-actions-execute";
    static final String WRITES = "genesys-actions-writes";

    private final ActionsRestClient rest;
    private final ActionsRestClient executions;
    private final AccessTokenProvider tokens;

    ActionsClient(GenesysRestClients clients, AccessTokenProvider tokens, ActionsConfig config) {
        this.rest = clients.api(ActionsRestClient.class);
        this.executions = clients.api(ActionsRestClient.class, config.executeTimeout());
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

    /** One page of integration instances (to find a Web Services Data Actions integration by name). */
    @ApplyGuard(READS)
    Uni<EntityListing<JsonNode>> integrations(int pageSize, int pageNumber) {
        return tokens.retryOnceIfTokenRejected(() -> rest.integrations(pageSize, pageNumber));
    }

    @ApplyGuard(EXECUTIONS)
    Uni<JsonNode> execute(String actionId, JsonNode input) {
        return tokens.retryOnceIfTokenRejected(() -> executions.execute(actionId, input));
    }

    @ApplyGuard(EXECUTIONS)
    Uni<JsonNode> test(String actionId, JsonNode input) {
        return tokens.retryOnceIfTokenRejected(() -> executions.test(actionId, input));
    }

    @ApplyGuard(WRITES)
    Uni<JsonNode> createDraft(JsonNode action) {
        return tokens.retryOnceIfTokenRejected(() -> rest.createDraft(action));
    }

    @ApplyGuard(WRITES)
    Uni<JsonNode> publishDraft(String actionId, JsonNode publish) {
        return tokens.retryOnceIfTokenRejected(() -> rest.publishDraft(actionId, publish));
    }

    @Produces
    @Singleton
    @Identifier(READS)
    static Guard readsGuard(UpstreamGuards guards) {
        return guards.idempotent(READS);
    }

    @Produces
    @Singleton
    @Identifier(EXECUTIONS)
    static Guard executionsGuard(UpstreamGuards guards, ActionsConfig config) {
        return guards.nonIdempotent(EXECUTIONS, config.executeTimeout());
    }

    @Produces
    @Singleton
    @Identifier(WRITES)
    static Guard writesGuard(UpstreamGuards guards) {
        return guards.nonIdempotent(WRITES);
    }
}
