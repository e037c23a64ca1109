package io.gcgateway.analytics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.gcgateway.analytics.AnalyticsTypes.Conversation;
import io.gcgateway.gateway.FederatedEntities;
import io.gcgateway.genesys.GenesysRestClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Analytics conversations as federation entities: all of a request's ids in one
 * {@code GET /api/v2/analytics/conversations/details?id=a,b,c}, flattened as the conversations query flattens them.
 */
@ApplicationScoped
class AnalyticsEntities implements FederatedEntities {
    private final AnalyticsRestClient analytics;

    AnalyticsEntities(GenesysRestClients clients) {
        this.analytics = clients.api(AnalyticsRestClient.class);
    }

    @Override
    public List<Entity> entities() {
        return List.of(new Entity("Conversation", Conversation.class, "id", this::find));
    }

    private Uni<List<Object>> find(List<Map<String, Object>> keys) {
        List<String> ids = FederatedEntities.ids(keys);
        return analytics.conversationsById(String.join(",", ids.stream().distinct().toList())).map(response -> {
            Map<String, Conversation> found = response.conversationsOrEmpty().stream().map(ConversationMapper::flatten)
                    .collect(Collectors.toMap(Conversation::id, Function.identity(), (a, b) -> a));
            return ids.stream().map(id -> (Object) found.get(id)).toList();
        });
    }
}
