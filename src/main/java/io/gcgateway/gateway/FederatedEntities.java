package io.gcgateway.gateway;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * A capability's types that other subgraphs of a federated graph may refer to by key (Apollo Federation 2 entities),
 * and how to find them in bulk. A CDI bean per capability; {@link SubgraphSchema} marks each type with
 * {@code @key(fields: ...)} and resolves {@code _entities} through {@link #entities()}, one lookup per type per
 * request.
 */
public interface FederatedEntities {

    /**
     * One entity type.
     *
     * @param typeName the GraphQL type
     * @param javaType the class of its instances (which type a found instance is)
     * @param keyFields the key, e.g. {@code id} or {@code tableId key}
     * @param find the instances for these representations (each a map of the key fields), in their order, null
     *        where there is none
     */
    record Entity(String typeName, Class<?> javaType, String keyFields,
            Function<List<Map<String, Object>>, Uni<List<Object>>> find) {
    }

    List<Entity> entities();

    /** The {@code id} of each representation, in order. */
    static List<String> ids(List<Map<String, Object>> representations) {
        return representations.stream().map(representation -> String.valueOf(representation.get("id"))).toList();
    }

    /**
     * For a type Genesys reads one at a time: each distinct id read once, all at once, and the results in the order
     * of the representations.
     */
    static <T> Uni<List<Object>> eachDistinctId(List<Map<String, Object>> representations, Function<String, Uni<T>> read) {
        List<String> ids = ids(representations);
        List<String> distinct = ids.stream().distinct().toList();
        List<Uni<T>> reads = distinct.stream().map(read).toList();
        return Uni.join().all(reads).andFailFast().map(found -> ids.stream()
                .map(id -> (Object) found.get(distinct.indexOf(id))).toList());
    }
}
