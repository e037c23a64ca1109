package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.webhooks.WebhookOutbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the gateway's features announce changes; each event goes to the webhooks registered for its type through the
 * durable outbox. Publishing never fails the change that caused it.
 */
@ApplicationScoped
public class GatewayEvents {
    public static final String CONVERSATION_TRANSITIONED = "conversation.transitioned";
    public static final String CONVERSATION_EVENT = "conversation.event";
    public static final String RECORD_UPDATED = "record.updated";
    public static final String DATA_ACTION_EXECUTED = "dataAction.executed";

    private final WebhookOutbox outbox;

    GatewayEvents(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @param eventId the event's id when the source has a stable one (the same Genesys event seen by two replicas),
     *        so it is relayed once; {@code null} for a new id
     */
    public Uni<Void> publish(String type, String eventId, JsonNode data) {
        return outbox.enqueue(type, eventId, data);
    }
}
