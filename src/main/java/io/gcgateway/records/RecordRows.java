package io.gcgateway.records;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.gateway.JsonValues;
import io.gcgateway.records.RecordTypes.Record;
import jakarta.inject.Singleton;

/** Genesys data table rows and gateway records, each way: the gateway keeps the key and the version in the row. */
@Singleton
class RecordRows {
    private final ObjectMapper mapper;
    private final RecordsConfig config;

    RecordRows(ObjectMapper mapper, RecordsConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    ObjectNode row(String key, ObjectNode fields, long version) {
        ObjectNode row = mapper.createObjectNode();
        row.put("key", key);
        row.setAll(fields);
        row.put(config.versionColumn(), version);
        return row;
    }

    long version(JsonNode row) {
        return row.path(config.versionColumn()).asLong(0);
    }

    Record toRecord(String tableId, JsonNode row) {
        ObjectNode fields = ((ObjectNode) row).deepCopy();
        fields.remove("key");
        fields.remove(config.versionColumn());
        return new Record(tableId, row.path("key").asText(), (int) version(row), JsonValues.of(fields));
    }

    JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
