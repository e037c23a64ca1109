package io.gcgateway.conversations;

import java.util.List;
import java.util.Map;

import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.gateway.FederatedEntities;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Live conversations as federation entities: Genesys reads a conversation by id only, so one call per distinct id. */
@ApplicationScoped
class ConversationEntities implements FederatedEntities {
    private final ConversationsService conversations;

    ConversationEntities(ConversationsService conversations) {
        this.conversations = conversations;
    }

    @Override
    public List<Entity> entities() {
        return List.of(new Entity("LiveConversation", LiveConversation.class, "id", this::find));
    }

    private Uni<List<Object>> find(List<Map<String, Object>> keys) {
        return FederatedEntities.eachDistinctId(keys, id -> conversations.conversation(id)
                .onFailure(NotFoundException.class).recoverWithNull());
    }
}
