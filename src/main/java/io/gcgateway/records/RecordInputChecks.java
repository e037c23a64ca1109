package io.gcgateway.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.gateway.JsonSchemaValidator;
import io.gcgateway.records.RecordTables.Table;
import jakarta.inject.Singleton;
import jakarta.json.JsonValue;

/**
 * What a record write must satisfy before anything is sent to Genesys: its key, version and tags, then (with the
 * table) unknown columns, the table's schema and the configured rules, all problems reported at once.
 */
@Singleton
class RecordInputChecks {
    private static final int MAX_KEY = 256;
    private static final int MAX_FIELDS_BYTES = 64 * 1024;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG = 64;

    private final RecordRules rules;
    private final JsonSchemaValidator validator;
    private final RecordsConfig config;
    private final RecordMetrics metrics;
    private final RecordRows rows;

    RecordInputChecks(RecordRules rules, JsonSchemaValidator validator, RecordsConfig config, RecordMetrics metrics,
            RecordRows rows) {
        this.rules = rules;
        this.validator = validator;
        this.config = config;
        this.metrics = metrics;
        this.rows = rows;
    }

    /** Everything that can be checked without the table; the fields as a JSON object. */
    ObjectNode checkInput(String key, JsonValue fields, List<String> tags, Integer expectedVersion) {
        List<FieldError> errors = new ArrayList<>();
        checkKey(key, errors);
        if (expectedVersion != null) {
            checkExpectedVersion(expectedVersion, errors);
        }
        ObjectNode object = null;
        if (fields == null || fields.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("input.fields", "must be a JSON object of column values"));
        } else if (fields.toString().getBytes(StandardCharsets.UTF_8).length > MAX_FIELDS_BYTES) {
            errors.add(new FieldError("input.fields", "must be at most " + MAX_FIELDS_BYTES + " bytes of JSON"));
        } else {
            object = (ObjectNode) rows.parse(fields.toString());
            for (String managed : List.of("key", config.versionColumn())) {
                if (object.has(managed)) {
                    errors.add(new FieldError("input.fields." + managed, "is managed by the gateway; "
                            + ("key".equals(managed) ? "give it as input.key" : "give the version you read as expectedVersion")));
                }
            }
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                errors.add(new FieldError("input.tags", "at most " + MAX_TAGS + " tags"));
            }
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i) == null || tags.get(i).isBlank() || tags.get(i).length() > MAX_TAG) {
                    errors.add(new FieldError("input.tags." + i, "must be 1 to " + MAX_TAG + " characters"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid record input", errors);
        }
        return object;
    }

    static void checkKey(String key, List<FieldError> errors) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            errors.add(new FieldError("input.key", "must be 1 to " + MAX_KEY + " characters"));
        }
    }

    static void checkExpectedVersion(Integer expectedVersion, List<FieldError> errors) {
        if (expectedVersion == null || expectedVersion < 0) {
            errors.add(new FieldError("input.expectedVersion", "must be 0 or more"));
        }
    }

    /** Unknown columns, the table's schema, then the configured rules; all problems at once. */
    void checkRow(Table table, String key, ObjectNode fields) {
        List<FieldError> errors = new ArrayList<>();
        List<String> failedRules = new ArrayList<>();
        for (Iterator<String> names = fields.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!table.columns().contains(name)) {
                errors.add(new FieldError("input.fields." + name, "is not a column of table '" + table.name() + "'"));
                failedRules.add("unknown-column");
            }
        }
        ObjectNode row = rows.row(key, fields, 1);
        if (errors.isEmpty() && table.schema() != null) {
            for (FieldError violation : validator.violations(table.schema(), row)) {
                errors.add(new FieldError(inputPath(violation.path()), violation.message()));
                failedRules.add("schema");
            }
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        row.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
        for (RecordRules.Violation violation : rules.violations(table.name(), values, "")) {
            errors.add(new FieldError(inputPath("/" + violation.error().path()), violation.error().message()));
            failedRules.add(violation.rule());
        }
        if (!errors.isEmpty()) {
            failedRules.forEach(rule -> metrics.validationFailure(table.name(), rule));
            throw new ValidationFailedException("The record does not satisfy table '" + table.name() + "'", errors);
        }
    }

    /** A row pointer ({@code /quantity}) as the input path the client wrote it at. */
    private static String inputPath(String pointer) {
        String column = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        int slash = column.indexOf('/');
        if (slash >= 0) {
            column = column.substring(0, slash);
        }
        return "key".equals(column) ? "input.key" : column.isEmpty() ? "input.fields" : "input.fields." + column;
    }
}
