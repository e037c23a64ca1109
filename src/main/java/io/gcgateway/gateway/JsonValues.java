package io.gcgateway.gateway;

import java.io.StringReader;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/** Jackson trees (how upstream JSON is read) as jakarta.json values (the Java type of the {@code JSON} scalar). */
public final class JsonValues {
    private JsonValues() {
    }

    /** The same JSON, exact numbers kept; null for a missing or null node. */
    public static JsonValue of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }
}
