package io.gcgateway.simulator.analytics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorException;

/**
 * Evaluates analytics filters the way Genesys defines them: a filter has a {@code type} (and/or), {@code predicates}
 * and {@code clauses} (each clause: a type and predicates); a predicate names a dimension, metric or property, an
 * operator ({@code matches} by default, {@code exists}, {@code notExists}) and a {@code value} or a {@code range}.
 */
final class QueryFilters {

    static final Set<String> CONVERSATION_DIMENSIONS = Set.of("conversationId", "conversationStart", "conversationEnd",
            "originatingDirection", "divisionId", "mediaStatsMinConversationMos", "conversationInitiator",
            "customerParticipation", "externalTag");

    private QueryFilters() {
    }

    /** Conversation-level dimensions and metrics of a conversation. */
    static Function<String, Object> conversationView(SimConversation c) {
        Map<String, Long> metrics = c.metrics();
        return name -> switch (name) {
            case "conversationId" -> c.id();
            case "conversationStart" -> c.start();
            case "conversationEnd" -> c.end();
            case "originatingDirection" -> c.direction();
            case "divisionId" -> c.divisionId();
            case "mediaStatsMinConversationMos" -> "voice".equals(c.mediaType()) ? 4.1 : null;
            case "conversationInitiator" -> "inbound".equals(c.direction()) ? "external" : "agent";
            case "customerParticipation" -> "true";
            case "externalTag" -> null;
            default -> metrics.get(name);
        };
    }

    /** A segment's dimensions, falling back to its conversation's for conversation-level names. */
    static Function<String, Object> segmentView(Segment segment, Function<String, Object> conversation) {
        return name -> Segment.DIMENSIONS.contains(name) ? segment.dimension(name) : conversation.apply(name);
    }

    /** Checks names and operators up front, so that a bad query is a 400 even when no data would be evaluated. */
    static void validate(JsonNode filters, String field, Set<String> knownNames) {
        if (filters == null || filters.isNull() || filters.isMissingNode()) {
            return;
        }
        for (JsonNode filter : filters.isArray() ? filters : List.of(filters)) {
            requireType(filter, field);
            for (JsonNode predicate : filter.path("predicates")) {
                validatePredicate(predicate, field, knownNames);
            }
            for (JsonNode clause : filter.path("clauses")) {
                requireType(clause, field + ".clauses");
                for (JsonNode predicate : clause.path("predicates")) {
                    validatePredicate(predicate, field, knownNames);
                }
            }
        }
    }

    /** A filter holds when its predicates and clauses, combined by its type, hold; an empty filter always holds. */
    static boolean matches(JsonNode filter, Function<String, Object> view) {
        List<Boolean> outcomes = new ArrayList<>();
        filter.path("predicates").forEach(predicate -> outcomes.add(predicate(predicate, view)));
        filter.path("clauses").forEach(clause -> {
            List<Boolean> clauseOutcomes = new ArrayList<>();
            clause.path("predicates").forEach(predicate -> clauseOutcomes.add(predicate(predicate, view)));
            outcomes.add(combine(clause, clauseOutcomes));
        });
        return outcomes.isEmpty() || combine(filter, outcomes);
    }

    private static boolean combine(JsonNode filterOrClause, List<Boolean> outcomes) {
        return "and".equals(filterOrClause.path("type").asText())
                ? outcomes.stream().allMatch(Boolean::booleanValue)
                : outcomes.stream().anyMatch(Boolean::booleanValue);
    }

    private static boolean predicate(JsonNode predicate, Function<String, Object> view) {
        Object actual = view.apply(name(predicate));
        String operator = predicate.path("operator").asText("matches");
        return switch (operator) {
            case "exists" -> actual != null;
            case "notExists" -> actual == null;
            default -> {
                if (actual == null) {
                    yield false;
                }
                JsonNode range = predicate.get("range");
                if (range != null && !range.isNull()) {
                    yield inRange(number(actual), range);
                }
                yield predicate.path("value").asText().equals(String.valueOf(actual));
            }
        };
    }

    private static boolean inRange(double actual, JsonNode range) {
        return (!range.has("gt") || actual > bound(range.get("gt")))
                && (!range.has("gte") || actual >= bound(range.get("gte")))
                && (!range.has("lt") || actual < bound(range.get("lt")))
                && (!range.has("lte") || actual <= bound(range.get("lte")));
    }

    private static double bound(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        String text = value.asText();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notNumber) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                throw SimulatorException.badRequest("Invalid range value: " + text);
            }
        }
    }

    private static double number(Object actual) {
        if (actual instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(actual.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String name(JsonNode predicate) {
        for (String field : List.of("dimension", "metric", "property")) {
            if (predicate.hasNonNull(field)) {
                return predicate.get(field).asText();
            }
        }
        return null;
    }

    private static void requireType(JsonNode node, String field) {
        String type = node.path("type").asText(null);
        if (!"and".equals(type) && !"or".equals(type)) {
            throw SimulatorException.badRequest(field + ".type must be 'and' or 'or'");
        }
    }

    private static void validatePredicate(JsonNode predicate, String field, Set<String> knownNames) {
        String name = name(predicate);
        if (name == null) {
            throw SimulatorException.badRequest(field + ": a predicate needs a dimension, metric or property");
        }
        if (!knownNames.contains(name) && !predicate.hasNonNull("property")) {
            throw SimulatorException.badRequest(field + ": unknown dimension or metric '" + name + "'");
        }
        String operator = predicate.path("operator").asText("matches");
        if (!Set.of("matches", "exists", "notExists").contains(operator)) {
            throw SimulatorException.badRequest(field + ": unknown operator '" + operator + "'");
        }
        if ("matches".equals(operator) && !predicate.hasNonNull("value") && !predicate.hasNonNull("range")) {
            throw SimulatorException.badRequest(field + ": a 'matches' predicate needs a value or a range");
        }
    }
}
