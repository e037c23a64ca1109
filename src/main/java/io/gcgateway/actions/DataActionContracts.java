package io.gcgateway.actions;

import io.gcgateway.gateway.JsonSchemaValidator;
import io.gcgateway.genesys.GenesysRestClients;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The input contract of each action, compiled once and kept in memory (cache {@code data-action-contracts}, see
 * {@code application.properties}). A published action's contract cannot change at Genesys (it can only be deleted
 * and re-created under a new id), so expiry only bounds memory and picks up deletions.
 */
@ApplicationScoped
class DataActionContracts {
    private static final Logger LOG = Logger.getLogger(DataActionContracts.class);

    /** An action's identity and its compiled input schema; {@code inputSchema} is null when it cannot be used. */
    record Contract(String actionId, String name, JsonSchema inputSchema) {
    }

    private final ActionsRestClient actions;
    private final JsonSchemaValidator validator;

    DataActionContracts(GenesysRestClients clients, JsonSchemaValidator validator) {
        this.actions = clients.api(ActionsRestClient.class);
        this.validator = validator;
    }

    /** Fails with NOT_FOUND for an unknown action; failures are not cached. */
    @CacheResult(cacheName = "data-action-contracts")
    Uni<Contract> of(String actionId) {
        return actions.get(actionId).map(action -> new Contract(actionId, action.path("name").asText(actionId),
                compile(actionId, action.path("contract").path("input").path("inputSchema"))));
    }

    private JsonSchema compile(String actionId, JsonNode schema) {
        if (!schema.isObject()) {
            LOG.warnf("Data action %s has no input schema; its inputs are checked by Genesys only", actionId);
            return null;
        }
        try {
            return validator.compile(schema);
        } catch (RuntimeException e) {
            // Genesys accepted this contract; the gateway must not refuse what Genesys would run.
            LOG.warnf("Data action %s has an input schema the gateway cannot compile (%s); its inputs are checked by "
                    + "Genesys only", actionId, e.getMessage());
            return null;
        }
    }
}
