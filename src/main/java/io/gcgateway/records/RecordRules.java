package io.gcgateway.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.errors.FieldError;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * The configured validation rules of each table ({@link RecordsConfig#rules()}), compiled once at start-up: a bad
 * pattern or expression stops the gateway with a message naming it, instead of failing requests later.
 */
@Startup
@Singleton
class RecordRules {
    private record FieldCheck(String field, Pattern pattern, RecordsConfig.FieldRule rule) {
    }

    private record CrossCheck(String name, RuleExpression when, RuleExpression require, String message, String field) {
    }

    private record Compiled(List<FieldCheck> fields, List<CrossCheck> checks) {
    }

    private final Map<String, Compiled> byTable = new LinkedHashMap<>();

    RecordRules(RecordsConfig config) {
        config.rules().forEach((table, rules) -> {
            List<FieldCheck> fields = new ArrayList<>();
            rules.fields().forEach((field, rule) -> fields.add(new FieldCheck(field,
                    rule.pattern().map(p -> compilePattern(table, field, p)).orElse(null), rule)));
            List<CrossCheck> checks = new ArrayList<>();
            rules.checks().forEach((name, check) -> {
                try {
                    RuleExpression require = RuleExpression.parse(check.require());
                    RuleExpression when = check.when().map(RuleExpression::parse).orElse(null);
                    checks.add(new CrossCheck(name, when, require, check.message(),
                            check.field().orElse(firstName(check.require()))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("records.rules.\"" + table + "\".checks.\"" + name + "\": " + e.getMessage(), e);
                }
            });
            byTable.put(table, new Compiled(fields, checks));
        });
    }

    /** A failed rule: its name (for metrics) and the error for the client. */
    record Violation(String rule, FieldError error) {
    }

    /** Rule violations of a row of {@code tableName}, reported at {@code pathPrefix + field}. */
    List<Violation> violations(String tableName, Map<String, JsonNode> row, String pathPrefix) {
        Compiled rules = byTable.get(tableName);
        if (rules == null) {
            return List.of();
        }
        List<Violation> errors = new ArrayList<>();
        for (FieldCheck check : rules.fields()) {
            JsonNode value = row.get(check.field());
            if (value == null || value.isNull()) {
                continue;
            }
            String[] problem = problem(check, value);
            if (problem != null) {
                errors.add(new Violation(check.field() + "." + problem[0],
                        new FieldError(pathPrefix + check.field(), check.rule().message().orElse(problem[1]))));
            }
        }
        for (CrossCheck check : rules.checks()) {
            if (check.when() != null && !Boolean.TRUE.equals(check.when().test(row))) {
                continue;
            }
            if (Boolean.FALSE.equals(check.require().test(row))) {
                errors.add(new Violation(check.name(), new FieldError(pathPrefix + check.field(), check.message())));
            }
        }
        return errors;
    }

    /** {kind, message} of the first failed single-field rule, or null. */
    private static String[] problem(FieldCheck check, JsonNode value) {
        RecordsConfig.FieldRule rule = check.rule();
        String text = value.asText();
        if (check.pattern() != null && !check.pattern().matcher(text).matches()) {
            return new String[] { "pattern", "must match " + check.pattern().pattern() };
        }
        if (rule.allowed().isPresent() && !rule.allowed().get().contains(text)) {
            return new String[] { "allowed", "must be one of " + rule.allowed().get() };
        }
        if (rule.minLength().isPresent() && text.length() < rule.minLength().getAsInt()) {
            return new String[] { "minLength", "must be at least " + rule.minLength().getAsInt() + " characters" };
        }
        if (rule.maxLength().isPresent() && text.length() > rule.maxLength().getAsInt()) {
            return new String[] { "maxLength", "must be at most " + rule.maxLength().getAsInt() + " characters" };
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (rule.minimum().isPresent() && number.compareTo(rule.minimum().get()) < 0) {
                return new String[] { "minimum", "must be at least " + rule.minimum().get().toPlainString() };
            }
            if (rule.maximum().isPresent() && number.compareTo(rule.maximum().get()) > 0) {
                return new String[] { "maximum", "must be at most " + rule.maximum().get().toPlainString() };
            }
        }
        return null;
    }

    private static Pattern compilePattern(String table, String field, String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("records.rules.\"" + table + "\".fields.\"" + field + "\".pattern is not a "
                    + "valid regular expression: " + e.getDescription());
        }
    }

    private static String firstName(String expression) {
        Matcher name = Pattern.compile("(?<!')\\b([A-Za-z_][A-Za-z0-9_]*)\\b").matcher(expression.replaceAll("'[^']*'", "''"));
        while (name.find()) {
            String candidate = name.group(1);
            if (!List.of("true", "false", "null").contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }
}
