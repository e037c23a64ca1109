package io.gcgateway.conversations;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;

import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

@GraphQLApi
@RequiresRole(Role.READER)
public class ConversationEventsResolver {
    private final ConversationEvents events;

    ConversationEventsResolver(ConversationEvents events) {
        this.events = events;
    }

    @Subscription("conversationEvents")
    @Description("Live changes of a conversation (its current state first), of a queue's conversations, or both, over "
            + "graphql-ws. Fed by the gateway's Genesys notification channel; after the channel is re-created a "
            + "backfill (or gap) event covers what may have been missed.")
    public Multi<ConversationEvent> conversationEvents(@Name("conversationId") @Id String conversationId,
            @Name("queueId") @Id String queueId) {
        return events.stream(conversationId, queueId);
    }
}
