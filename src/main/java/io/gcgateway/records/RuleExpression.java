package io.gcgateway.records;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A cross-field rule over one record, written in configuration: {@code price * quantity <= 100000},
 * {@code status != 'reserved' || quantity > 0}.
 * <p>
 * A deliberately small language, parsed once at start-up, evaluated without reflection or scripting: field names,
 * numbers, {@code 'strings'}, {@code true/false/null}, {@code + - * /}, comparisons
 * ({@code == != < <= > >=}), {@code && || !} and parentheses. A missing field is {@code null}; arithmetic or an
 * ordering with {@code null} gives {@code null}, which a rule treats as "not applicable" (required-ness is the
 * schema's business, not a rule's).
 */
final class RuleExpression {
    private final String source;
    private final Function<Map<String, JsonNode>, Object> evaluator;

    private RuleExpression(String source, Function<Map<String, JsonNode>, Object> evaluator) {
        this.source = source;
        this.evaluator = evaluator;
    }

    /** Parses {@code source}; throws {@link IllegalArgumentException} naming the position of a syntax error. */
    static RuleExpression parse(String source) {
        Parser parser = new Parser(source);
        Function<Map<String, JsonNode>, Object> root = parser.or();
        parser.expectEnd();
        return new RuleExpression(source, root);
    }

    /** {@code TRUE}, {@code FALSE}, or {@code null} when the rule does not apply to these fields. */
    Boolean test(Map<String, JsonNode> fields) {
        Object value = evaluator.apply(fields);
        return value instanceof Boolean b ? b : null;
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class Parser {
        private final String text;
        private final List<String> tokens = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private int next;

        Parser(String text) {
            this.text = text;
            tokenize();
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int start = i;
                if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                } else if (Character.isLetter(c) || c == '_') {
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                        i++;
                    }
                } else if (c == '\'') {
                    i = text.indexOf('\'', i + 1);
                    if (i < 0) {
                        throw error(start, "unterminated string");
                    }
                    i++;
                } else if (i + 1 < text.length() && List.of("==", "!=", "<=", ">=", "&&", "||").contains(text.substring(i, i + 2))) {
                    i += 2;
                } else if ("+-*/<>!()".indexOf(c) >= 0) {
                    i++;
                } else {
                    throw error(i, "unexpected character '" + c + "'");
                }
                tokens.add(text.substring(start, i));
                positions.add(start);
            }
        }

        Function<Map<String, JsonNode>, Object> or() {
            Function<Map<String, JsonNode>, Object> left = and();
            while (accept("||")) {
                Function<Map<String, JsonNode>, Object> l = left;
                Function<Map<String, JsonNode>, Object> r = and();
                left = f -> {
                    Object a = l.apply(f);
                    if (Boolean.TRUE.equals(a)) {
                        return true;
                    }
                    Object b = r.apply(f);
                    return Boolean.TRUE.equals(b) ? Boolean.TRUE : (a == null || b == null ? null : Boolean.FALSE);
                };
            }
            return left;
        }

        Function<Map<String, JsonNode>, Object> and() {
            Function<Map<String, JsonNode>, Object> left = not();
            while (accept("&&")) {
                Function<Map<String, JsonNode>, Object> l = left;
                Function<Map<String, JsonNode>, Object> r = not();
                left = f -> {
                    Object a = l.apply(f);
                    if (Boolean.FALSE.equals(a)) {
                        return false;
                    }
                    Object b = r.apply(f);
                    return Boolean.FALSE.equals(b) ? Boolean.FALSE : (a == null || b == null ? null : Boolean.TRUE);
                };
            }
            return left;
        }

        Function<Map<String, JsonNode>, Object> not() {
            if (accept("!")) {
                Function<Map<String, JsonNode>, Object> operand = not();
                return f -> operand.apply(f) instanceof Boolean b ? !b : null;
            }
            return comparison();
        }

        Function<Map<String, JsonNode>, Object> comparison() {
            Function<Map<String, JsonNode>, Object> left = sum();
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                if (accept(op)) {
                    Function<Map<String, JsonNode>, Object> right = sum();
                    return f -> compare(op, left.apply(f), right.apply(f));
                }
            }
            return left;
        }

        Function<Map<String, JsonNode>, Object> sum() {
            Function<Map<String, JsonNode>, Object> left = product();
            while (peekAny("+", "-")) {
                String op = tokens.get(next++);
                Function<Map<String, JsonNode>, Object> l = left;
                Function<Map<String, JsonNode>, Object> r = product();
                left = f -> arithmetic(op, l.apply(f), r.apply(f));
            }
            return left;
        }

        Function<Map<String, JsonNode>, Object> product() {
            Function<Map<String, JsonNode>, Object> left = unary();
            while (peekAny("*", "/")) {
                String op = tokens.get(next++);
                Function<Map<String, JsonNode>, Object> l = left;
                Function<Map<String, JsonNode>, Object> r = unary();
                left = f -> arithmetic(op, l.apply(f), r.apply(f));
            }
            return left;
        }

        Function<Map<String, JsonNode>, Object> unary() {
            if (accept("-")) {
                Function<Map<String, JsonNode>, Object> operand = unary();
                return f -> operand.apply(f) instanceof BigDecimal n ? n.negate() : null;
            }
            return primary();
        }

        Function<Map<String, JsonNode>, Object> primary() {
            if (next >= tokens.size()) {
                throw error(text.length(), "expression ends too early");
            }
            int at = positions.get(next);
            String token = tokens.get(next++);
            if (token.equals("(")) {
                Function<Map<String, JsonNode>, Object> inner = or();
                if (!accept(")")) {
                    throw error(at, "missing ')'");
                }
                return inner;
            }
            if (token.startsWith("'")) {
                String value = token.substring(1, token.length() - 1);
                return f -> value;
            }
            if (Character.isDigit(token.charAt(0)) || token.charAt(0) == '.') {
                try {
                    BigDecimal value = new BigDecimal(token);
                    return f -> value;
                } catch (NumberFormatException e) {
                    throw error(at, "not a number: " + token);
                }
            }
            if (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_') {
                return switch (token) {
                    case "true" -> f -> Boolean.TRUE;
                    case "false" -> f -> Boolean.FALSE;
                    case "null" -> f -> null;
                    default -> f -> value(f.get(token));
                };
            }
            throw error(at, "unexpected '" + token + "'");
        }

        void expectEnd() {
            if (next < tokens.size()) {
                throw error(positions.get(next), "unexpected '" + tokens.get(next) + "'");
            }
        }

        private boolean accept(String token) {
            if (next < tokens.size() && tokens.get(next).equals(token)) {
                next++;
                return true;
            }
            return false;
        }

        private boolean peekAny(String a, String b) {
            return next < tokens.size() && (tokens.get(next).equals(a) || tokens.get(next).equals(b));
        }

        private IllegalArgumentException error(int position, String message) {
            return new IllegalArgumentException("Rule '" + text + "' at " + position + ": " + message);
        }
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static Object arithmetic(String op, Object a, Object b) {
        if (!(a instanceof BigDecimal x) || !(b instanceof BigDecimal y)) {
            return null;
        }
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            default -> y.signum() == 0 ? null : x.divide(y, MathContext.DECIMAL64);
        };
    }

    private static Object compare(String op, Object a, Object b) {
        if (op.equals("==") || op.equals("!=")) {
            boolean equal = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
            return op.equals("==") == equal;
        }
        int order;
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            order = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            order = x.compareTo(y);
        } else {
            return null;
        }
        return switch (op) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }
}
