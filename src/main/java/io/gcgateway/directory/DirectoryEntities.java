package io.gcgateway.directory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.directory.DirectoryTypes.Queue;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.directory.DirectoryTypes.WrapUpCode;
import io.gcgateway.gateway.FederatedEntities;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Users, queues and wrap-up codes as federation entities: each type read in bulk, from the directory cache first. */
@ApplicationScoped
class DirectoryEntities implements FederatedEntities {
    private final Directory directory;

    DirectoryEntities(Directory directory) {
        this.directory = directory;
    }

    @Override
    public List<Entity> entities() {
        return List.of(
                new Entity("User", User.class, "id", keys -> found(keys, directory::users, User::of)),
                new Entity("Queue", Queue.class, "id", keys -> found(keys, directory::queues, Queue::of)),
                new Entity("WrapUpCode", WrapUpCode.class, "id", keys -> found(keys, directory::wrapUpCodes, WrapUpCode::of)));
    }

    private static Uni<List<Object>> found(List<Map<String, Object>> keys,
            Function<List<String>, Uni<Map<String, JsonNode>>> bulk, Function<JsonNode, Object> type) {
        List<String> ids = FederatedEntities.ids(keys);
        return bulk.apply(ids.stream().distinct().toList()).map(found -> ids.stream()
                .map(id -> found.containsKey(id) ? type.apply(found.get(id)) : null).toList());
    }
}
