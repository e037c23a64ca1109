package io.gcgateway.conversations;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.json.JsonValue;

/** The GraphQL shapes of live conversations and transitions. */
public final class ConversationTypes {
    private ConversationTypes() {
    }

    @Type("LiveConversation")
    @RegisterForReflection
    @Description("A conversation as it is now (GET /api/v2/conversations/{id}).")
    public record LiveConversation(
            @NonNull @Id String id,
            Instant startTime,
            Instant endTime,
            @Description("connected while any communication is live, else disconnected.") String state,
            @NonNull @Description("Computed by the gateway from the state-relevant fields; pass it as ifMatch.") String etag,
            @NonNull List<@NonNull LiveParticipant> participants) {
    }

    @Type("LiveParticipant")
    @RegisterForReflection
    public record LiveParticipant(
            @NonNull @Id String id,
            @NonNull @Description("customer, agent, acd, ...") String purpose,
            @Id String userId,
            @Id String queueId,
            String name,
            @NonNull @Description("What the transition matrix checks.") ParticipantState state,
            Boolean wrapupRequired,
            @Id String wrapUpCode,
            String wrapUpNotes,
            @NonNull List<@NonNull Communication> communications) {
    }

    @Type("Communication")
    @RegisterForReflection
    public record Communication(
            @NonNull @Id String id,
            @NonNull @Description("call, chat, email, message or callback.") String mediaType,
            @NonNull @Description("Genesys's communication state: alerting, connected, disconnected, ...") String state,
            boolean held,
            boolean muted,
            boolean recording,
            @Description("unknown, notApplicable, skipped, pending or complete.") String afterCallWorkState,
            Instant connectedTime,
            Instant disconnectedTime,
            String disconnectType) {
    }

    @Input("TransitionInput")
    @RegisterForReflection
    public record TransitionInput(
            @NonNull @Id String conversationId,
            @NonNull @Id String participantId,
            @NonNull TransitionAction action,
            @Id @Description("WRAP_UP: the wrap-up code id.") String wrapUpCode,
            @Description("WRAP_UP: notes (at most 1000 characters).") String notes,
            @Id @Description("TRANSFER_TO_QUEUE: the queue.") String targetQueueId,
            @Id @Description("TRANSFER_TO_AGENT: the user.") String targetUserId,
            @Description("Free JSON kept with the gateway's audit event and webhook event (bounded depth).") JsonValue metadata,
            @Description("The etag the caller last saw; VERSION_CONFLICT (with the current etag) if it changed.") String ifMatch) {
    }

    @Type("TransitionResult")
    @RegisterForReflection
    public record TransitionResult(
            @Description("Genesys accepted the command (202).") boolean accepted,
            @Description("The new state was seen (re-read) before answering; false if it had not shown yet.") boolean confirmed,
            @NonNull @Id String conversationId,
            @NonNull @Id String participantId,
            @NonNull TransitionAction action,
            @NonNull ParticipantState stateBefore,
            @Description("The participant's state when the gateway answered.") ParticipantState state,
            @NonNull String etagBefore,
            @Description("The conversation's etag when the gateway answered.") String etag,
            LiveConversation conversation) {
    }
}
