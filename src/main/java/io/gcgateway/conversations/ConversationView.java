package io.gcgateway.conversations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.cache.RedisKeys;
import io.gcgateway.conversations.ConversationTypes.Communication;
import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.conversations.ConversationTypes.LiveParticipant;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.NotFoundException;

/**
 * A Genesys {@code Conversation} (JSON) as the gateway reads it: the GraphQL shape, participant states, and the
 * etag. Genesys has no version on conversations, so the etag is a hash of exactly the fields a transition depends
 * on (participants, their communications' states and flags, after-call work, wrap-up), not of timestamps or
 * anything that changes without a state change.
 */
public final class ConversationView {
    static final List<String> MEDIA = List.of("calls", "chats", "emails", "messages", "callbacks");

    private final JsonNode conversation;
    private final String etag;

    private ConversationView(JsonNode conversation) {
        this.conversation = conversation;
        this.etag = computeEtag(conversation);
    }

    public static ConversationView of(JsonNode conversation) {
        return new ConversationView(conversation);
    }

    /** Genesys's 404 for a conversation, as the client sees it (with Genesys's contextId). */
    public static NotFoundException notFound(String conversationId, Throwable upstream) {
        return new NotFoundException("Conversation " + conversationId + " not found",
                ((GatewayException) upstream).contextId());
    }

    public String id() {
        return conversation.path("id").asText();
    }

    public String etag() {
        return etag;
    }

    Iterable<JsonNode> participants() {
        return conversation.path("participants");
    }

    public JsonNode participant(String participantId) {
        for (JsonNode participant : conversation.path("participants")) {
            if (participantId.equals(participant.path("id").asText())) {
                return participant;
            }
        }
        return null;
    }

    /** The participant's first communication of any media type, or null. */
    static JsonNode communication(JsonNode participant) {
        for (String media : MEDIA) {
            JsonNode list = participant.path(media);
            if (list.isArray() && !list.isEmpty()) {
                return list.get(0);
            }
        }
        return null;
    }

    /** The media path segment of the participant's first communication ({@code calls}, {@code chats}, ...). */
    static String media(JsonNode participant) {
        for (String media : MEDIA) {
            JsonNode list = participant.path(media);
            if (list.isArray() && !list.isEmpty()) {
                return media;
            }
        }
        return "calls";
    }

    static ParticipantState state(JsonNode participant) {
        JsonNode communication = communication(participant);
        return communication == null ? ParticipantState.DISCONNECTED : ParticipantState.of(communication);
    }

    /** Queues and users involved: the notification topics that carry this conversation's changes. */
    public List<String> queueIds() {
        return ids("queueId");
    }

    public List<String> userIds() {
        return ids("userId");
    }

    private List<String> ids(String field) {
        List<String> ids = new ArrayList<>();
        for (JsonNode participant : conversation.path("participants")) {
            String id = participant.path(field).asText(null);
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    public LiveConversation toGraphQL() {
        List<LiveParticipant> participants = new ArrayList<>();
        for (JsonNode p : conversation.path("participants")) {
            List<Communication> communications = new ArrayList<>();
            for (String media : MEDIA) {
                for (JsonNode c : p.path(media)) {
                    communications.add(new Communication(c.path("id").asText(), media.substring(0, media.length() - 1),
                            c.path("state").asText("none"), c.path("held").asBoolean(false), c.path("muted").asBoolean(false),
                            c.path("recording").asBoolean(false), text(c.path("afterCallWork").path("state")),
                            instant(c.path("connectedTime")), instant(c.path("disconnectedTime")), text(c.path("disconnectType"))));
                }
            }
            participants.add(new LiveParticipant(p.path("id").asText(), p.path("purpose").asText("unknown"),
                    text(p.path("userId")), text(p.path("queueId")), text(p.path("name")), state(p),
                    p.has("wrapupRequired") ? p.path("wrapupRequired").asBoolean() : null,
                    text(p.path("wrapup").path("code")), text(p.path("wrapup").path("notes")), communications));
        }
        return new LiveConversation(id(), instant(conversation.path("startTime")), instant(conversation.path("endTime")),
                text(conversation.path("state")), etag, participants);
    }

    /** Genesys writes ISO-8601 instants; an unreadable one is left out rather than failing the conversation. */
    private static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String computeEtag(JsonNode conversation) {
        List<JsonNode> participants = new ArrayList<>();
        conversation.path("participants").forEach(participants::add);
        participants.sort(Comparator.comparing(p -> p.path("id").asText()));
        StringBuilder text = new StringBuilder(conversation.path("id").asText());
        for (JsonNode p : participants) {
            text.append('|').append(p.path("id").asText()).append(',').append(p.path("purpose").asText())
                    .append(',').append(p.path("userId").asText()).append(',').append(p.path("queueId").asText())
                    .append(',').append(p.path("wrapup").path("code").asText());
            for (String media : MEDIA) {
                for (JsonNode c : p.path(media)) {
                    text.append(';').append(c.path("id").asText()).append(',').append(c.path("state").asText())
                            .append(',').append(c.path("held").asBoolean()).append(',').append(c.path("muted").asBoolean())
                            .append(',').append(c.path("recording").asBoolean()).append(',')
                            .append(c.path("afterCallWork").path("state").asText());
                }
            }
        }
        return RedisKeys.sha256(text.toString()).substring(0, 20);
    }
}
