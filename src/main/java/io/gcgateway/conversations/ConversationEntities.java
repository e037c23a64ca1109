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
        List<String> ids = FederatedEntities.ids(keys);
        List<String> distinct = ids.stream().distinct().toList();
        List<Uni<LiveConversation>> reads = distinct.stream().map(id -> conversations.conversation(id)
                .onFailure(NotFoundException.class).recoverWithNull()).toList();
        return Uni.join().all(reads).andFailFast().map(found -> ids.stream()
                .map(id -> (Object) found.get(distinct.indexOf(id))).toList());
    }
}
