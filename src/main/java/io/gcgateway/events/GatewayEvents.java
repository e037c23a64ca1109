package io.gcgateway.events;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * Where the gateway's features announce changes. The port is here so that features depend on it and not on who
 * listens; {@code webhooks} implements it, with its durable outbox. Publishing never fails the change that caused it.
 */
public interface GatewayEvents {
    String CONVERSATION_TRANSITIONED = "conversation.transitioned";
    String CONVERSATION_EVENT = "conversation.event";
    String RECORD_UPDATED = "record.updated";
    String DATA_ACTION_EXECUTED = "dataAction.executed";
    String USER_PRESENCE_CHANGED = "user.presenceChanged";
    String USER_ROUTING_STATUS_CHANGED = "user.routingStatusChanged";
    String QUEUE_MEMBERSHIP_CHANGED = "queue.membershipChanged";

    /** Every event type a feature publishes. */
    Set<String> TYPES = Set.of(CONVERSATION_TRANSITIONED, CONVERSATION_EVENT, RECORD_UPDATED, DATA_ACTION_EXECUTED,
            USER_PRESENCE_CHANGED, USER_ROUTING_STATUS_CHANGED, QUEUE_MEMBERSHIP_CHANGED);

    /**
     * @param eventId the event's id when the source has a stable one (the same Genesys event seen by two replicas),
     *        so it is relayed once; {@code null} for a new id
     */
    Uni<Void> publish(String type, String eventId, JsonNode data);
}
