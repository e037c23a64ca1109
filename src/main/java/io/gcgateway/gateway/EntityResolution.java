package io.gcgateway.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.quarkus.arc.All;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves {@code _entities} for the federated subgraph: the representations are grouped by type and each type is
 * looked up once ({@link FederatedEntities}), so a supergraph query that joins a page of 100 users costs one bulk
 * read. Readers only, and one rate-limit token, as any query. A type whose lookup fails leaves its entities null, each
 * with an error at its index; the others still answer.
 */
@ApplicationScoped
@Unremovable // looked up by GraphQLEngine, which SmallRye loads as a service, not a bean
public class EntityResolution {
    private final Map<String, FederatedEntities.Entity> byType = new LinkedHashMap<>();
    private final int maxRepresentations;

    EntityResolution(@All List<FederatedEntities> capabilities, GatewayConfig config) {
        for (FederatedEntities capability : capabilities) {
            for (FederatedEntities.Entity entity : capability.entities()) {
                byType.put(entity.typeName(), entity);
            }
        }
        this.maxRepresentations = config.federation().maxRepresentations();
    }

    /** The entity types, by GraphQL name. */
    Map<String, FederatedEntities.Entity> types() {
        return byType;
    }

    /** The entities of {@code representations}, in order, with an error at each index that could not be resolved. */
    @RequiresRole(Role.READER)
    public Uni<DataFetcherResult<List<Object>>> resolve(List<Map<String, Object>> representations, ResultPath path) {
        if (representations.size() > maxRepresentations) {
            return Uni.createFrom().failure(ValidationFailedException.of("representations",
                    "at most " + maxRepresentations + " entities per request"));
        }
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < representations.size(); i++) {
            positions.computeIfAbsent(String.valueOf(representations.get(i).get("__typename")), type -> new ArrayList<>()).add(i);
        }
        Object[] found = new Object[representations.size()];
        List<GraphQLError> errors = Collections.synchronizedList(new ArrayList<>());
        List<Uni<Void>> lookups = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> group : positions.entrySet()) {
            FederatedEntities.Entity entity = byType.get(group.getKey());
            if (entity == null) {
                group.getValue().forEach(i -> errors.add(error(path, i, "VALIDATION_FAILED",
                        "'" + group.getKey() + "' is not an entity of this subgraph")));
                continue;
            }
            List<Map<String, Object>> keys = group.getValue().stream().map(i -> keyOnly(representations.get(i))).toList();
            lookups.add(entity.find().apply(keys).onItemOrFailure().invoke((items, failure) -> {
                for (int n = 0; n < group.getValue().size(); n++) {
                    int i = group.getValue().get(n);
                    if (failure != null) {
                        errors.add(error(path, i, failure instanceof GatewayException g ? g.code() : "INTERNAL",
                                failure instanceof GatewayException ? failure.getMessage() : "The entity could not be read"));
                    } else {
                        found[i] = items.get(n);
                    }
                }
            }).onFailure().recoverWithNull().replaceWithVoid());
        }
        Uni<Void> all = lookups.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(lookups).andCollectFailures().replaceWithVoid();
        return all.map(done -> DataFetcherResult.<List<Object>> newResult().data(Arrays.asList(found))
                .errors(errors).build());
    }

    private static Map<String, Object> keyOnly(Map<String, Object> representation) {
        Map<String, Object> key = new HashMap<>(representation);
        key.remove("__typename");
        return key;
    }

    private static GraphQLError error(ResultPath path, int index, String code, String message) {
        return GraphqlErrorBuilder.newError().message(message).path(path.segment(index))
                .extensions(Map.of("code", code)).build();
    }
}
