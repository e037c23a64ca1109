package io.gcgateway.actions;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;

import io.gcgateway.actions.DataActionTypes.CreateDataActionInput;
import io.gcgateway.actions.DataActionTypes.DataActionRequestInput;
import io.gcgateway.actions.DataActionTypes.DataActionResponseInput;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.gateway.JsonSchemaValidator;
import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Checks a new action the way Genesys would run it, before Genesys sees it, and writes it as {@code PostActionInput}.
 * Schemas must be valid JSON Schema, every template must parse as Velocity, every translation must compile as
 * JSONPath and every default must be a JSON literal.
 */
@Singleton
class DataActionDefinitions {
    static final int MAX_NAME = 256;
    static final String DEFAULT_BODY_TEMPLATE = "${input.rawRequest}";
    static final String DEFAULT_SUCCESS_TEMPLATE = "${rawResult}";

    private final JsonSchemaValidator validator;
    private final ObjectMapper mapper;
    private final RuntimeInstance velocity = new RuntimeInstance();

    DataActionDefinitions(JsonSchemaValidator validator, ObjectMapper mapper) {
        this.validator = validator;
        this.mapper = mapper;
        velocity.init();
    }

    /** All problems of the definition at once, with GraphQL paths (and JSON pointers inside JSON values). */
    void check(CreateDataActionInput input) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "input.name", input.name(), true);
        text(errors, "input.category", input.category(), false);
        boolean byId = input.integrationId() != null && !input.integrationId().isBlank();
        boolean byName = input.integrationName() != null && !input.integrationName().isBlank();
        if (byId == byName) {
            errors.add(new FieldError("input.integrationId", "give exactly one of integrationId and integrationName"));
        }
        if (byId && (input.category() == null || input.category().isBlank())) {
            errors.add(new FieldError("input.category", "is required when the integration is given by id"));
        }
        JsonNode inputSchema = json(input.inputSchema());
        errors.addAll(validator.schemaProblems(inputSchema, "input.inputSchema"));
        if (inputSchema != null && inputSchema.isObject() && inputSchema.has("type") && !"object".equals(inputSchema.path("type").asText())) {
            errors.add(new FieldError("input.inputSchema/type", "must be \"object\": an execute input is a JSON object"));
        }
        errors.addAll(validator.schemaProblems(json(input.outputSchema()), "input.outputSchema"));
        if (input.timeoutSeconds() != null && (input.timeoutSeconds() < 1 || input.timeoutSeconds() > 60)) {
            errors.add(new FieldError("input.timeoutSeconds", "must be between 1 and 60"));
        }
        checkRequest(errors, input.request());
        checkResponse(errors, input.response());
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid data action definition", errors);
        }
    }

    private void checkRequest(List<FieldError> errors, DataActionRequestInput request) {
        if (request.urlTemplate() == null || request.urlTemplate().isBlank()) {
            errors.add(new FieldError("input.request.urlTemplate", "must not be blank"));
        } else {
            template(errors, "input.request.urlTemplate", request.urlTemplate());
        }
        if (request.bodyTemplate() != null) {
            template(errors, "input.request.bodyTemplate", request.bodyTemplate());
        }
        stringMap(errors, "input.request.headers", request.headers())
                .forEach((name, value) -> template(errors, "input.request.headers/" + ActionInputs.escape(name), value));
    }

    private void checkResponse(List<FieldError> errors, DataActionResponseInput response) {
        if (response == null) {
            return;
        }
        Map<String, String> translations = stringMap(errors, "input.response.translationMap", response.translationMap());
        translations.forEach((name, path) -> {
            try {
                JsonPath.compile(path);
            } catch (InvalidPathException | IllegalArgumentException e) {
                errors.add(new FieldError("input.response.translationMap/" + ActionInputs.escape(name),
                        "is not a valid JSONPath: " + e.getMessage()));
            }
        });
        stringMap(errors, "input.response.translationMapDefaults", response.translationMapDefaults()).forEach((name, literal) -> {
            String at = "input.response.translationMapDefaults/" + ActionInputs.escape(name);
            if (!translations.containsKey(name)) {
                errors.add(new FieldError(at, "has no entry in translationMap"));
            }
            try {
                mapper.readTree(literal);
            } catch (IOException | RuntimeException e) {
                errors.add(new FieldError(at, "must be a JSON literal such as \"0\", \"null\" or \"\\\"\\\"\""));
            }
        });
        if (response.successTemplate() != null) {
            template(errors, "input.response.successTemplate", response.successTemplate());
        }
    }

    /** The Genesys {@code PostActionInput}. */
    ObjectNode postActionInput(CreateDataActionInput input, String integrationId, String category) {
        ObjectNode action = mapper.createObjectNode();
        action.put("name", input.name());
        action.put("category", category);
        action.put("integrationId", integrationId);
        action.put("secure", Boolean.TRUE.equals(input.secure()));
        ObjectNode contract = action.putObject("contract");
        contract.putObject("input").set("inputSchema", json(input.inputSchema()));
        contract.putObject("output").set("successSchema", json(input.outputSchema()));
        ObjectNode config = action.putObject("config");
        if (input.timeoutSeconds() != null) {
            config.put("timeoutSeconds", input.timeoutSeconds());
        }
        DataActionRequestInput request = input.request();
        ObjectNode requestNode = config.putObject("request");
        requestNode.put("requestUrlTemplate", request.urlTemplate());
        requestNode.put("requestType", request.method().name());
        requestNode.set("headers", request.headers() == null ? mapper.createObjectNode() : json(request.headers()));
        requestNode.put("requestTemplate", request.bodyTemplate() == null ? DEFAULT_BODY_TEMPLATE : request.bodyTemplate());
        DataActionResponseInput response = input.response();
        ObjectNode responseNode = config.putObject("response");
        responseNode.set("translationMap", response == null || response.translationMap() == null ? mapper.createObjectNode()
                : json(response.translationMap()));
        responseNode.set("translationMapDefaults", response == null || response.translationMapDefaults() == null
                ? mapper.createObjectNode() : json(response.translationMapDefaults()));
        responseNode.put("successTemplate", response == null || response.successTemplate() == null ? DEFAULT_SUCCESS_TEMPLATE
                : response.successTemplate());
        return action;
    }

    private void template(List<FieldError> errors, String path, String template) {
        try {
            Template holder = new Template();
            holder.setName(path);
            velocity.parse(new StringReader(template), holder);
        } catch (ParseException e) {
            errors.add(new FieldError(path, "is not a valid Velocity template: " + firstLine(e.getMessage())));
        }
    }

    private static void text(List<FieldError> errors, String path, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(path, "must not be blank"));
            }
        } else if (value.length() > MAX_NAME) {
            errors.add(new FieldError(path, "must be at most " + MAX_NAME + " characters"));
        }
    }

    /** A JSON object whose values are all strings, or an error; null is an empty map. */
    private static Map<String, String> stringMap(List<FieldError> errors, String path, JsonValue value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null || value == JsonValue.NULL) {
            return map;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError(path, "must be a JSON object of strings"));
            return map;
        }
        value.asJsonObject().forEach((name, entry) -> {
            if (entry.getValueType() == JsonValue.ValueType.STRING) {
                map.put(name, ((JsonString) entry).getString());
            } else {
                errors.add(new FieldError(path + "/" + ActionInputs.escape(name), "must be a string"));
            }
        });
        return map;
    }

    private static JsonNode json(JsonValue value) {
        return value == null || value == JsonValue.NULL ? null : ActionInputs.parse(value.toString());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
