package io.gcgateway.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.cache.RedisKeys;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.events.Notification;
import io.gcgateway.events.NotificationChannel;
import io.gcgateway.gateway.JsonValues;
import io.gcgateway.genesys.GenesysRestClients;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live conversation events for GraphQL subscriptions, from the gateway's one notification channel. A conversation
 * is watched through its detail-event topics and its queues' conversation topics (there is no per-conversation
 * topic with the full state at Genesys); a queue through its conversation topic.
 */
@ApplicationScoped
public class ConversationEvents {
    static final List<String> DETAIL_EVENTS = List.of("customer.start", "customer.end", "user.start", "user.end",
            "acd.start", "acd.end", "acw", "wrapup");
    private static final String DETAIL_PREFIX = "v2.detail.events.conversation.";

    private final NotificationChannel channel;
    private final ConversationsRestClient conversations;

    ConversationEvents(NotificationChannel channel, GenesysRestClients clients) {
        this.channel = channel;
        this.conversations = clients.api(ConversationsRestClient.class);
    }

    public Multi<ConversationEvent> stream(String conversationId, String queueId) {
        List<FieldError> errors = new ArrayList<>();
        if (conversationId == null && queueId == null) {
            errors.add(new FieldError("conversationId", "give a conversationId, a queueId or both"));
        }
        checkId(conversationId, "conversationId", errors);
        checkId(queueId, "queueId", errors);
        if (!errors.isEmpty()) {
            return Multi.createFrom().failure(new ValidationFailedException("Invalid conversationEvents arguments", errors));
        }
        Uni<ConversationView> watched = conversationId == null ? Uni.createFrom().nullItem() : read(conversationId);
        return watched.onItem().transformToMulti(view -> Multi.createFrom().<ConversationEvent> emitter(emitter -> {
            List<String> topics = new ArrayList<>();
            if (view != null) {
                DETAIL_EVENTS.forEach(event -> topics.add(DETAIL_PREFIX + conversationId + "." + event));
                view.queueIds().forEach(queue -> topics.add(queueTopic(queue)));
            }
            if (queueId != null && !topics.contains(queueTopic(queueId))) {
                topics.add(queueTopic(queueId));
            }
            Cancellable listening = channel.notifications()
                    .filter(n -> n.gap() || topics.contains(n.topic()))
                    .subscribe().with(n -> forward(n, conversationId, emitter), emitter::fail);
            emitter.onTermination(() -> {
                listening.cancel();
                channel.release(topics);
            });
            // Subscribed at Genesys first, then read: nothing between the read and the first event is lost.
            channel.retain(topics)
                    .flatMap(ignored -> conversationId == null ? Uni.createFrom().nullItem() : read(conversationId))
                    .subscribe().with(current -> {
                        if (current != null) {
                            emitter.emit(gatewayRead(current, "snapshot"));
                        }
                    }, emitter::fail);
        }));
    }

    private void forward(Notification notification, String conversationId, MultiEmitter<? super ConversationEvent> emitter) {
        if (notification.gap()) {
            if (conversationId == null) {
                emitter.emit(gap(null));
            } else {
                read(conversationId).subscribe().with(view -> emitter.emit(gatewayRead(view, "backfill")),
                        failure -> emitter.emit(gap(conversationId)));
            }
            return;
        }
        ConversationEvent event = fromGenesys(notification.topic(), notification.body());
        if (conversationId == null || conversationId.equals(event.conversationId())) {
            emitter.emit(event);
        }
    }

    /** A Genesys notification as a GraphQL event; the id is derived from the event so repeats share it. */
    static ConversationEvent fromGenesys(String topic, JsonNode body) {
        String id = Notification.eventId(topic, body);
        if (topic.startsWith(DETAIL_PREFIX)) {
            String rest = topic.substring(DETAIL_PREFIX.length());
            int dot = rest.indexOf('.');
            String type = dot < 0 ? rest : rest.substring(dot + 1);
            long millis = body.path("eventTime").asLong(System.currentTimeMillis());
            return new ConversationEvent(id, body.path("conversationId").asText(dot < 0 ? null : rest.substring(0, dot)),
                    type, topic, "GENESYS", Instant.ofEpochMilli(millis), null, null, JsonValues.of(body));
        }
        ConversationView view = ConversationView.of(body);
        return new ConversationEvent(id, view.id(), "conversation", topic, "GENESYS", Instant.now(), view.etag(),
                view.toGraphQL(), JsonValues.of(body));
    }

    /** Events may have been missed and the conversation could not be re-read: the client should re-read. */
    private static ConversationEvent gap(String conversationId) {
        Instant now = Instant.now();
        return new ConversationEvent(RedisKeys.sha256("gap|" + conversationId + "|" + now).substring(0, 32), conversationId,
                "gap", null, "GATEWAY", now, null, null, null);
    }

    private static ConversationEvent gatewayRead(ConversationView view, String type) {
        return new ConversationEvent(RedisKeys.sha256(type + "|" + view.id() + "|" + view.etag()).substring(0, 32),
                view.id(), type, null, "GATEWAY", Instant.now(), view.etag(), view.toGraphQL(), null);
    }

    private Uni<ConversationView> read(String conversationId) {
        return conversations.conversation(conversationId).map(ConversationView::of)
                .onFailure(NotFoundException.class).transform(failure -> ConversationView.notFound(conversationId, failure));
    }

    static String queueTopic(String queueId) {
        return "v2.routing.queues." + queueId + ".conversations";
    }

    private static void checkId(String id, String path, List<FieldError> errors) {
        if (id != null && (id.isBlank() || id.length() > 64 || !id.matches("[A-Za-z0-9-]+"))) {
            errors.add(new FieldError(path, "must be a Genesys id (letters, digits and dashes)"));
        }
    }
}
