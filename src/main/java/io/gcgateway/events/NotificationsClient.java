package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

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

/**
 * Notification channel calls with the upstream policy. Replacing a channel's topic list is idempotent. Creating a
 * channel is not strictly (a retried create may leave an unused channel behind), but an unused channel only expires:
 * Genesys evicts the oldest beyond 20, so it is guarded as idempotent.
 */
@ApplicationScoped
@TranslateUpstreamFailures
public class NotificationsClient {
    static final String GUARD = "genesys-notifications";

    private final NotificationsRestClient rest;
    private final AccessTokenProvider tokens;

    NotificationsClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(NotificationsRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(GUARD)
    Uni<JsonNode> createChannel() {
        return tokens.retryOnceIfTokenRejected(rest::createChannel);
    }

    @ApplyGuard(GUARD)
    Uni<JsonNode> replaceSubscriptions(String channelId, JsonNode topics) {
        return tokens.retryOnceIfTokenRejected(() -> rest.replaceSubscriptions(channelId, true, topics));
    }

    @Produces
    @Singleton
    @Identifier(GUARD)
    static Guard guard(UpstreamGuards guards) {
        return guards.idempotent(GUARD);
    }
}
