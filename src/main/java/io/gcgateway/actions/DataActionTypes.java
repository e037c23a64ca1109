package io.gcgateway.actions;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.io.StringReader;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import io.gcgateway.gateway.PageInfo;

/** GraphQL output types of the data-actions capability. JSON fields use the {@code JSON} scalar (real objects). */
public final class DataActionTypes {
    private DataActionTypes() {
    }

    /** A Genesys Integrations data action. {@code contract} and {@code config} are filled by {@code dataAction(id)}. */
    @Type("DataAction")
    public record DataAction(@NonNull @Id String id, @NonNull String name, String category, String integrationId,
            Boolean secure, Integer version, DataActionContract contract,
            @Description("Request/response templates and timeout, as Genesys stores them.") JsonValue config) {

        static DataAction of(JsonNode action) {
            JsonNode contract = action.path("contract");
            DataActionContract schemas = contract.isObject()
                    ? new DataActionContract(plain(contract.path("input").path("inputSchema")),
                            plain(contract.path("output").path("successSchema")))
                    : null;
            return new DataAction(action.path("id").asText(), action.path("name").asText(),
                    action.path("category").asText(null), action.path("integrationId").asText(null),
                    action.path("secure").asBoolean(false), action.hasNonNull("version") ? action.get("version").asInt() : null,
                    schemas, plain(action.path("config")));
        }
    }

    /** The action's input and output JSON Schemas. */
    @Type("DataActionContract")
    public record DataActionContract(@Description("JSON Schema the execute input must satisfy.") JsonValue inputSchema,
            @Description("JSON Schema of a successful result.") JsonValue outputSchema) {
    }

    @Type("DataActionEdge")
    public record DataActionEdge(@NonNull String cursor, @NonNull DataAction node) {
    }

    @Type("DataActionConnection")
    public record DataActionConnection(@NonNull List<@NonNull DataActionEdge> edges, @NonNull PageInfo pageInfo,
            @NonNull Integer totalCount) {
    }

    /** Jackson tree → jakarta.json value, which the JSON scalar writes as real JSON. */
    static JsonValue plain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }
}
