package io.gcgateway.gateway;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import graphql.ExecutionResult;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.spi.config.Config;

/**
 * The response body SmallRye writes for an execution result ({@code ExecutionResponse.getExecutionResultAsString()}
 * in smallrye-graphql 2.17: a JSON-P tree built from the result, then printed by Parsson), written straight from the
 * result, byte for byte the same. Building and printing that tree was about a tenth of the gateway's CPU on a page of
 * 100 conversations with names (JFR, docs/benchmarks.md).
 * <p>
 * Only the common case is written here: a result without errors or extensions whose data holds maps, lists,
 * strings, booleans, numbers and enums. For anything else {@link #of} answers null and the caller uses SmallRye's
 * own serialization, so an unusual result is never written differently. {@code ResponseJsonTest} compares both on
 * every shape.
 */
final class ResponseJson {
    private static volatile Boolean excludeNullFields;

    private ResponseJson() {
    }

    /** The body SmallRye writes for {@code result} with the extensions its resolvers added: from here when it can. */
    static String body(ExecutionResult result, Map<String, Object> addedExtensions) {
        Boolean exclude = excludeNullFields;
        if (exclude == null) {
            exclude = excludeNullFields = Config.get().isExcludeNullFieldsInResponses();
        }
        String body = of(result, addedExtensions, exclude);
        return body != null ? body : new ExecutionResponse(result, addedExtensions).getExecutionResultAsString();
    }

    /**
     * The body for {@code result}, or null when this writer does not handle it (errors, extensions, a value it does
     * not know, or SmallRye configured to leave out null fields).
     */
    static String of(ExecutionResult result, Map<String, Object> addedExtensions, boolean excludeNullFields) {
        if (excludeNullFields || !result.getErrors().isEmpty() || result.getExtensions() != null
                || (addedExtensions != null && !addedExtensions.isEmpty())) {
            return null;
        }
        StringBuilder out = new StringBuilder(1024);
        out.append('{');
        if (result.isDataPresent()) {
            out.append("\"data\":");
            if (!value(out, result.getData())) {
                return null;
            }
        }
        return out.append('}').toString();
    }

    /** Appends {@code value} as Parsson prints the JSON-P value SmallRye makes of it; false for a value it does not know. */
    private static boolean value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            string(out, string);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return false;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, key);
                out.append(':');
                if (!value(out, entry.getValue())) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                if (!value(out, element)) {
                    return false;
                }
            }
            out.append(']');
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue() ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                return false; // JSON-P refuses them; SmallRye's way fails the same as before
            }
            out.append(BigDecimal.valueOf(number).toString());
        } else if (value instanceof Float number) {
            if (number.isNaN() || number.isInfinite()) {
                return false;
            }
            out.append(new BigDecimal(String.valueOf(number.floatValue())).toString());
        } else if (value instanceof BigDecimal number) {
            out.append(number.toString());
        } else if (value instanceof BigInteger number) {
            out.append(new BigDecimal(number).toString());
        } else if (value instanceof Enum<?> constant) {
            string(out, constant.name());
        } else {
            return false;
        }
        return true;
    }

    /**
     * A string as Parsson escapes it: the quote, the backslash and the control characters below U+0020 (with
     * {@code \b \f \n \r \t} where they have one, else {@code \}{@code u00xx} in lower-case hex); everything else as
     * is.
     */
    private static void string(StringBuilder out, String string) {
        out.append('"');
        int length = string.length();
        int plain = 0;
        for (int i = 0; i < length; i++) {
            char c = string.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(string, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    String hex = "000" + Integer.toHexString(c);
                    out.append("\\u").append(hex, hex.length() - 4, hex.length());
                }
            }
        }
        out.append(string, plain, length).append('"');
    }
}
