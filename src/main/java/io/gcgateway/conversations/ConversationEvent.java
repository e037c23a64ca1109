package io.gcgateway.conversations;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.json.JsonValue;

@Type("ConversationEvent")
@RegisterForReflection
@Description("A change of a live conversation, from the gateway's Genesys notification channel.")
public record ConversationEvent(
        @NonNull @Id @Description("Derived from the Genesys event, so replicas and repeats give the same id.") String id,
        @Id String conversationId,
        @NonNull @Description("conversation (a queue or user topic snapshot), a detail event (customer.end, user.start, "
                + "user.end, acd.start, acw, wrapup, ...), snapshot (read when the subscription started), backfill "
                + "(re-read after the channel was re-created) or gap (events may have been missed; re-read).") String type,
        @Description("The Genesys topic, for events from Genesys.") String topic,
        @NonNull @Description("GENESYS (notification) or GATEWAY (the gateway read the conversation).") String source,
        @NonNull Instant occurredAt,
        @Description("The conversation's etag, when the event carries its full state.") String etag,
        @Description("The conversation, when the event carries its full state.") LiveConversation conversation,
        @Description("The Genesys eventBody, as sent.") JsonValue body) {
}
