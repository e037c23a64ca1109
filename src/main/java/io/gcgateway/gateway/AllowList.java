package io.gcgateway.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisKeys;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;

/**
 * Allow-list mode ({@code gateway.graphql.allow-list}): only the operations of an Apollo persisted-query manifest run,
 * by hash or as the same document; clients cannot register anything.
 */
@Singleton
class AllowList {
    private static final Logger LOG = Logger.getLogger(AllowList.class);

    /** The registered documents by hash; null when any document may run. */
    private final Map<String, String> documents;
    /** The manifest's operation names (its {@code name} entries). */
    private final Set<String> operationNames;

    AllowList(GatewayConfig config) {
        Optional<Manifest> manifest = config.graphql().allowList().map(AllowList::manifest);
        this.documents = manifest.map(Manifest::documents).orElse(null);
        this.operationNames = manifest.map(Manifest::names).orElse(Set.of());
    }

    /** What a persisted-query manifest registers: documents by hash, and the names of their operations. */
    record Manifest(Map<String, String> documents, Set<String> names) {
    }

    /** The registered operations' names (none when the allow-list is off); kept as metric labels. */
    Set<String> operationNames() {
        return operationNames;
    }

    /** Whether the gateway runs only registered operations. */
    boolean enabled() {
        return documents != null;
    }

    /** The registered document with this SHA-256; null when there is none. */
    String document(String sha256) {
        return sha256 == null ? null : documents.get(sha256);
    }

    /** Reads an Apollo persisted-query manifest; an entry whose id is not its body's SHA-256 stops the start. */
    static Manifest manifest(Path path) {
        try {
            JsonObject manifest = new JsonObject(Files.readString(path));
            Map<String, String> operations = new HashMap<>();
            Set<String> names = new HashSet<>();
            for (Object entry : manifest.getJsonArray("operations", new JsonArray())) {
                JsonObject operation = (JsonObject) entry;
                String body = operation.getString("body");
                String id = operation.getString("id");
                if (body == null || !RedisKeys.sha256(body).equals(id)) {
                    throw new IllegalStateException("gateway.graphql.allow-list: operation '" + operation.getString("name")
                            + "' has an id that is not the SHA-256 of its body");
                }
                operations.put(id, body);
                if (operation.getString("name") != null) {
                    names.add(operation.getString("name"));
                }
            }
            LOG.infof("Allow-list mode: %d registered operations may run, nothing else", operations.size());
            return new Manifest(Map.copyOf(operations), Set.copyOf(names));
        } catch (IOException | DecodeException | ClassCastException e) {
            throw new IllegalStateException("gateway.graphql.allow-list: cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
