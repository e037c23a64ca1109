package io.gcgateway.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One text for equal JSON values, whichever model holds them (Jackson, Vert.x, JSON-P, or plain maps and lists):
 * object members sorted by name at every level, no white space. Used wherever a value becomes a key or a
 * fingerprint, so that member order or the parser that read a request never makes two equal values differ.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** How numbers that are not integers are treated. */
    public enum Fractions {
        /** Written as their decimal text. */
        WRITTEN,
        /**
         * Refused ({@link #append} answers false): two JSON parsers may read the same fraction as different binary
         * values, so a key that must match across parsers cannot contain one.
         */
        REFUSED
    }

    /**
     * The same rule for Java objects serialized by Jackson, in one pass and without building a tree: properties and
     * map keys sorted by name. For keys of requests the gateway builds itself (hot path: every uncached query).
     */
    public static ObjectWriter writer(ObjectMapper mapper) {
        return mapper.copy().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writer();
    }

    /** The canonical text of {@code value}; fractions are written. */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder(128);
        append(value, out, Fractions.WRITTEN);
        return out.toString();
    }

    /** Appends the canonical text of {@code value}; false (with {@code out} partly written) when it cannot be. */
    public static boolean append(Object value, StringBuilder out, Fractions fractions) {
        if (value instanceof JsonNode node) {
            return appendJackson(node, out, fractions);
        }
        if (value == null || value == JsonValue.NULL) {
            out.append("null");
        } else if (value instanceof String || value instanceof JsonString) {
            string(value instanceof String s ? s : ((JsonString) value).getString(), out);
        } else if (value instanceof Boolean || value == JsonValue.TRUE || value == JsonValue.FALSE) {
            out.append((boolean) (value instanceof Boolean b ? b : value == JsonValue.TRUE));
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof JsonNumber number) {
            return number.isIntegral() ? append(number.bigIntegerValue(), out, fractions)
                    : fraction(number.bigDecimalValue(), out, fractions);
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return fraction(value, out, fractions);
        } else if (value instanceof JsonObject || value instanceof Map) {
            Map<?, ?> members = value instanceof JsonObject vertx ? vertx.getMap() : (Map<?, ?>) value;
            List<String> names = new ArrayList<>(members.size());
            members.keySet().forEach(name -> names.add(Objects.toString(name)));
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i > 0 ? "," : "");
                string(names.get(i), out);
                out.append(':');
                Object member = value instanceof JsonObject vertx ? vertx.getValue(names.get(i)) : members.get(names.get(i));
                if (!append(member, out, fractions)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof JsonArray || value instanceof List) {
            List<?> items = value instanceof JsonArray vertx ? vertx.getList() : (List<?>) value;
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                out.append(i > 0 ? "," : "");
                if (!append(items.get(i), out, fractions)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    private static boolean appendJackson(JsonNode node, StringBuilder out, Fractions fractions) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i > 0 ? "," : "");
                string(names.get(i), out);
                out.append(':');
                if (!appendJackson(node.get(names.get(i)), out, fractions)) {
                    return false;
                }
            }
            out.append('}');
            return true;
        }
        if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            for (int i = 0; items.hasNext(); i++) {
                out.append(i > 0 ? "," : "");
                if (!appendJackson(items.next(), out, fractions)) {
                    return false;
                }
            }
            out.append(']');
            return true;
        }
        if (node.isTextual()) {
            string(node.textValue(), out);
            return true;
        }
        if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
            return true;
        }
        if (node.isNumber()) {
            return fraction(node.numberValue(), out, fractions);
        }
        if (node.isBoolean()) {
            out.append(node.booleanValue());
            return true;
        }
        if (node.isNull() || node.isMissingNode()) {
            out.append("null");
            return true;
        }
        return false;
    }

    private static boolean fraction(Object number, StringBuilder out, Fractions fractions) {
        if (fractions == Fractions.REFUSED) {
            return false;
        }
        out.append(number);
        return true;
    }

    private static void string(String string, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
