package io.gcgateway.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

import io.gcgateway.gateway.JsonSchemaValidator;
import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.records.RecordTypes.RecordField;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Table definitions with their compiled schemas, cached in memory (cache {@code record-tables}). */
@ApplicationScoped
class RecordTables {
    private static final Logger LOG = Logger.getLogger(RecordTables.class);

    /** A table as the gateway uses it; {@code schema} is null when it cannot be compiled (Genesys still checks). */
    record Table(String id, String name, String description, JsonNode rawSchema, JsonSchema schema,
            List<RecordField> fields, Set<String> columns, boolean versioned) {
    }

    private final RecordsRestClient client;
    private final JsonSchemaValidator validator;
    private final String versionColumn;

    RecordTables(GenesysRestClients clients, JsonSchemaValidator validator, RecordsConfig config) {
        this.client = clients.api(RecordsRestClient.class);
        this.validator = validator;
        this.versionColumn = config.versionColumn();
    }

    @CacheResult(cacheName = "record-tables")
    Uni<Table> table(String tableId) {
        return client.table(tableId).map(this::toTable);
    }

    Table toTable(JsonNode table) {
        JsonNode schema = table.path("schema");
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<RecordField> fields = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            columns.add(property.getKey());
            fields.add(new RecordField(property.getKey(), property.getValue().path("title").asText(null),
                    property.getValue().path("type").asText("string"), required.contains(property.getKey())));
        }
        fields.sort(Comparator.comparingInt(f -> schema.path("properties").path(f.name()).path("displayOrder").asInt(1000)));
        boolean versioned = "integer".equals(schema.path("properties").path(versionColumn).path("type").asText());
        return new Table(table.path("id").asText(), table.path("name").asText(), table.path("description").asText(null),
                schema.isObject() ? schema : null, compile(table.path("id").asText(), schema), fields, columns, versioned);
    }

    private JsonSchema compile(String tableId, JsonNode schema) {
        if (!schema.isObject()) {
            return null;
        }
        try {
            return validator.compile(schema);
        } catch (RuntimeException e) {
            LOG.warnf("Data table %s has a schema the gateway cannot compile (%s); rows are checked by Genesys only",
                    tableId, e.getMessage());
            return null;
        }
    }
}
