package io.gcgateway.conversations;

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
 * Conversation calls with the upstream policy. Reads are idempotent. Commands are not retried once Genesys may have
 * accepted them: a second "transfer" or "disconnect" after a lost 202 would act on a conversation that has moved on.
 */
@ApplicationScoped
@TranslateUpstreamFailures
public class ConversationsClient {
    static final String READS = "genesys-conversations";
    static final String COMMANDS = "genesys-conversations-commands";

    private final ConversationsRestClient rest;
    private final AccessTokenProvider tokens;

    ConversationsClient(GenesysRestClients clients, AccessTokenProvider tokens) {
        this.rest = clients.api(ConversationsRestClient.class);
        this.tokens = tokens;
    }

    @ApplyGuard(READS)
    public Uni<JsonNode> conversation(String conversationId) {
        return tokens.retryOnceIfTokenRejected(() -> rest.conversation(conversationId));
    }

    @ApplyGuard(READS)
    Uni<JsonNode> wrapupCodes(String media, String conversationId, String participantId) {
        return tokens.retryOnceIfTokenRejected(() -> rest.wrapupCodes(media, conversationId, participantId));
    }

    @ApplyGuard(COMMANDS)
    Uni<Void> patchParticipant(String media, String conversationId, String participantId, JsonNode request) {
        return tokens.retryOnceIfTokenRejected(() -> rest.patchParticipant(media, conversationId, participantId, request));
    }

    @ApplyGuard(COMMANDS)
    Uni<Void> wrapup(String media, String conversationId, String participantId, String communicationId, JsonNode wrapup) {
        return tokens.retryOnceIfTokenRejected(() -> rest.wrapup(media, conversationId, participantId, communicationId, wrapup));
    }

    @ApplyGuard(COMMANDS)
    Uni<Void> replaceWithQueue(String conversationId, String participantId, JsonNode request) {
        return tokens.retryOnceIfTokenRejected(() -> rest.replaceWithQueue(conversationId, participantId, request));
    }

    @ApplyGuard(COMMANDS)
    Uni<Void> replaceWithAgent(String conversationId, String participantId, JsonNode request) {
        return tokens.retryOnceIfTokenRejected(() -> rest.replaceWithAgent(conversationId, participantId, request));
    }

    @Produces
    @Singleton
    @Identifier(READS)
    static Guard readsGuard(UpstreamGuards guards) {
        return guards.idempotent(READS);
    }

    @Produces
    @Singleton
    @Identifier(COMMANDS)
    static Guard commandsGuard(UpstreamGuards guards) {
        return guards.nonIdempotent(COMMANDS);
    }
}
