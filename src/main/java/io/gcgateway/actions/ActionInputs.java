package io.gcgateway.actions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.gcgateway.errors.ValidationFailedException;
import jakarta.inject.Singleton;
import jakarta.json.JsonValue;

/**
 * Turns a GraphQL {@code JSON} argument into the JSON sent to Genesys, within the configured bounds. Numbers keep
 * their exact decimal form ({@code 19.90} stays {@code 19.90}), so values pass through byte for byte.
 */
@Singleton
class ActionInputs {
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ActionsConfig.Input limits;

    ActionInputs(ActionsConfig config) {
        this.limits = config.input();
    }

    /** The argument as a JSON object, or VALIDATION_FAILED naming {@code argument}; checks size, then depth. */
    JsonNode object(String argument, JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ValidationFailedException.of(argument, "must be a JSON object");
        }
        String json = value.toString();
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxBytes()) {
            throw ValidationFailedException.of(argument, "is " + bytes + " bytes of JSON; at most " + limits.maxBytes()
                    + " are accepted");
        }
        JsonNode node = parse(json);
        String tooDeep = firstBeyondDepth(node, limits.maxDepth());
        if (tooDeep != null) {
            throw ValidationFailedException.of(argument + tooDeep, "nests deeper than " + limits.maxDepth() + " levels");
        }
        return node;
    }

    /** The JSON pointer of the first value nested deeper than {@code maxDepth}, or null. */
    static String firstBeyondDepth(JsonNode root, int maxDepth) {
        record Level(JsonNode node, String pointer, int depth) {
        }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(root, "", 1));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (!level.node().isContainerNode()) {
                continue;
            }
            if (level.depth() > maxDepth) {
                return level.pointer();
            }
            if (level.node().isObject()) {
                for (Map.Entry<String, JsonNode> field : level.node().properties()) {
                    pending.push(new Level(field.getValue(), level.pointer() + "/" + escape(field.getKey()), level.depth() + 1));
                }
            } else {
                for (int i = 0; i < level.node().size(); i++) {
                    pending.push(new Level(level.node().get(i), level.pointer() + "/" + i, level.depth() + 1));
                }
            }
        }
        return null;
    }

    static JsonNode parse(String json) {
        try {
            return EXACT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON value did not re-parse", e);
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
