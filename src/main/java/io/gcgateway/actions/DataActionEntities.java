package io.gcgateway.actions;

import java.util.List;
import java.util.Map;

import io.gcgateway.actions.DataActionTypes.DataAction;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.gateway.FederatedEntities;
import io.gcgateway.genesys.GenesysRestClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Data actions as federation entities, with their contracts. Genesys reads an action by id only (no bulk read), so
 * each distinct id is one call, at once; their number is bounded by {@code gateway.federation.max-representations}.
 */
@ApplicationScoped
class DataActionEntities implements FederatedEntities {
    private final ActionsRestClient actions;

    DataActionEntities(GenesysRestClients clients) {
        this.actions = clients.api(ActionsRestClient.class);
    }

    @Override
    public List<Entity> entities() {
        return List.of(new Entity("DataAction", DataAction.class, "id", this::find));
    }

    private Uni<List<Object>> find(List<Map<String, Object>> keys) {
        return FederatedEntities.eachDistinctId(keys, id -> actions.get(id).map(DataAction::of)
                .onFailure(NotFoundException.class).recoverWithNull());
    }
}
