package io.gcgateway.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of the Genesys analytics conversation endpoints (only the fields the gateway uses). */
final class GenesysAnalytics {
    private GenesysAnalytics() {
    }

    // ---- requests ------------------------------------------------------------------------------------------------

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record DetailsQuery(String interval, String order, String orderBy, Paging paging, List<Filter> conversationFilters,
            List<Filter> segmentFilters) {
    }

    @RegisterForReflection
    record Paging(int pageSize, int pageNumber) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Filter(String type, List<Predicate> predicates, List<Clause> clauses) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Clause(String type, List<Predicate> predicates) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Predicate(String type, String dimension, String metric, String operator, String value, Range range) {
        static Predicate dimension(String dimension, String value) {
            return new Predicate(null, dimension, null, null, value, null);
        }

        static Predicate exists(String dimension) {
            return new Predicate(null, dimension, null, "exists", null, null);
        }

        static Predicate metricAtLeast(String metric, long gte) {
            return new Predicate("metric", null, metric, null, null, new Range(null, gte, null, null));
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Range(Long gt, Long gte, Long lt, Long lte) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record AggregatesQuery(String interval, String granularity, String timeZone, List<String> groupBy,
            List<String> metrics, Filter filter) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record DetailsJobQuery(String interval, String order, String orderBy, List<Filter> conversationFilters,
            List<Filter> segmentFilters) {
    }

    // ---- responses -----------------------------------------------------------------------------------------------

    /** {@code GET .../details?id=}: the SDK's AnalyticsConversationMultiGetResponse. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationsById(List<Conversation> conversations) {
        List<Conversation> conversationsOrEmpty() {
            return conversations == null ? List.of() : conversations;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DetailsQueryResponse(List<Conversation> conversations, int totalHits) {
        List<Conversation> conversationsOrEmpty() {
            return conversations == null ? List.of() : conversations;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Conversation(String conversationId, Instant conversationStart, Instant conversationEnd,
            String originatingDirection, List<Participant> participants) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Participant(String participantId, String purpose, String userId, List<Session> sessions) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(String mediaType, String direction, List<Metric> metrics, List<Segment> segments) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metric(String name, long value) {
    }

    /**
     * Only what the gateway reads of a segment. A page holds hundreds of segments, and binding their timestamps
     * (ISO-8601 parsing) was a measurable part of an uncached query's CPU for values nothing used.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Segment(String queueId, String wrapUpCode) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AggregatesQueryResponse(List<AggregateResult> results) {
        List<AggregateResult> resultsOrEmpty() {
            return results == null ? List.of() : results;
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AggregateResult(Map<String, String> group, List<AggregateData> data) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AggregateData(String interval, List<AggregateMetric> metrics) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AggregateMetric(String metric, Stats stats) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stats(Long count, Long sum, Long min, Long max) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AsyncJob(String jobId) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AsyncJobStatus(String state, String errorMessage) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DetailsJobResults(List<Conversation> conversations, String cursor) {
        List<Conversation> conversationsOrEmpty() {
            return conversations == null ? List.of() : conversations;
        }
    }
}
