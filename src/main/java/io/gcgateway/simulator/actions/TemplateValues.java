package io.gcgateway.simulator.actions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Values as data-action templates see them: objects and arrays navigate like maps and lists ({@code $input.order.id})
 * and render as JSON ({@code $input.order.lines}); strings render raw. Also the {@code $esc} tool.
 */
final class TemplateValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TemplateValues() {
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            JsonObject object = new JsonObject(node);
            node.fields().forEachRemaining(e -> object.put(e.getKey(), of(e.getValue())));
            return object;
        }
        if (node.isArray()) {
            JsonArray array = new JsonArray(node);
            node.forEach(element -> array.add(of(element)));
            return array;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        return node.numberValue() != null ? node.numberValue() : node.asBoolean();
    }

    /** A JSON object that renders as JSON. */
    static final class JsonObject extends LinkedHashMap<String, Object> {
        private final transient JsonNode source;

        JsonObject(JsonNode source) {
            this.source = source;
        }

        @Override
        public String toString() {
            return source.toString();
        }
    }

    /** A JSON array that renders as JSON. */
    static final class JsonArray extends ArrayList<Object> {
        private final transient JsonNode source;

        JsonArray(JsonNode source) {
            this.source = source;
        }

        @Override
        public String toString() {
            return source.toString();
        }
    }

    /** {@code $esc}: the escaping helpers Genesys templates use. */
    public static final class Esc {
        /** JSON-escapes a value for use inside a JSON string literal (without the quotes). */
        public String jsonString(Object value) {
            if (value == null) {
                return "";
            }
            try {
                String quoted = JSON.writeValueAsString(value.toString());
                return quoted.substring(1, quoted.length() - 1);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** URL-encodes a value (e.g. in {@code requestUrlTemplate}). */
        public String url(Object value) {
            return value == null ? "" : URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
        }

        /** A literal double quote. */
        public String getQuote() {
            return "\"";
        }
    }

    /** {@code $successTemplateUtils}. */
    public static final class SuccessTemplateUtils {
        /** The first element of a JSON array given as text, or the default when there is none. */
        public String firstFromArray(String jsonArray, String fallback) {
            try {
                JsonNode array = JSON.readTree(jsonArray);
                return array.isArray() && array.size() > 0 ? array.get(0).toString() : fallback;
            } catch (JsonProcessingException e) {
                return fallback;
            }
        }
    }

    static Map<String, Object> tools() {
        Map<String, Object> tools = new LinkedHashMap<>();
        tools.put("esc", new Esc());
        tools.put("successTemplateUtils", new SuccessTemplateUtils());
        return tools;
    }
}
