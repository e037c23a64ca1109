package io.gcgateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gcgateway.GraphQL;
import io.gcgateway.Simulator;
import io.gcgateway.simulator.analytics.ConversationDataSet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** {@code conversations} and {@code conversationTimeSeries} against the simulator: paging, filters, shape, validation. */
@QuarkusTest
class AnalyticsQueryTest {
    static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    static final String AGGREGATES = "/api/v2/analytics/conversations/aggregates/query";
    static final String CONNECTION = """
            query($filter: ConversationFilterInput!, $first: Int, $after: String) {
              conversations(filter: $filter, first: $first, after: $after) {
                totalCount
                pageInfo { hasNextPage endCursor }
                cache { hit stale storedAt ttlSeconds }
                edges { cursor node { id start end direction mediaType durationMs handleMs talkMs holdMs waitMs
                        queueIds userIds wrapUpCodes participants { purpose userId queueId } } }
              }
            }""";

    @Inject
    ConversationDataSet data;

    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void reset() {
        resetAnalytics();
    }

    /** Simulator, circuit breakers and the analytics cache back to a clean state. */
    static void resetAnalytics() {
        Simulator.resetWithCircuitBreakers();
        GraphQL.query("mutation { invalidateAnalyticsCache }").body("errors", nullValue());
    }

    @Test
    void pagesThroughGenesysPagesNewestFirst() {
        Map<String, Object> filter = filter(today.minus(7, ChronoUnit.DAYS), today);
        var first = GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 25))
                .body("errors", nullValue())
                .body("data.conversations.edges", hasSize(25))
                .body("data.conversations.totalCount", greaterThan(1000))
                .body("data.conversations.pageInfo.hasNextPage", equalTo(true))
                .extract();
        List<String> firstIds = first.path("data.conversations.edges.node.id");
        List<String> firstStarts = first.path("data.conversations.edges.node.start");
        String endCursor = first.path("data.conversations.pageInfo.endCursor");

        var second = GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 25, "after", endCursor))
                .body("errors", nullValue()).body("data.conversations.edges", hasSize(25)).extract();
        List<String> secondIds = second.path("data.conversations.edges.node.id");
        List<String> secondStarts = second.path("data.conversations.edges.node.start");

        Set<String> all = new HashSet<>(firstIds);
        all.addAll(secondIds);
        assertThat(all).hasSize(50);
        assertThat(Instant.parse(secondStarts.get(0))).isBeforeOrEqualTo(Instant.parse(firstStarts.get(24)));
        assertThat(Instant.parse(firstStarts.get(0))).isAfterOrEqualTo(Instant.parse(firstStarts.get(24)));
        assertThat(Simulator.calls("POST", DETAILS)).isEqualTo(2);
    }

    @Test
    void unalignedCursorReadsAcrossTwoGenesysPages() {
        Map<String, Object> filter = filter(today.minus(3, ChronoUnit.DAYS), today);
        List<String> firstTen = GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 10)).extract()
                .path("data.conversations.edges.node.id");
        String afterThree = GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 3)).extract()
                .path("data.conversations.pageInfo.endCursor");
        List<String> nextSeven = GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 7, "after", afterThree))
                .body("errors", nullValue()).extract().path("data.conversations.edges.node.id");
        assertThat(nextSeven).isEqualTo(firstTen.subList(3, 10));
    }

    @Test
    void flattenedConversationIsConsistent() {
        var result = GraphQL.query(CONNECTION, Map.of("filter", filter(today.minus(2, ChronoUnit.DAYS), today), "first", 100))
                .body("errors", nullValue()).extract();
        List<Map<String, Object>> nodes = result.path("data.conversations.edges.node");
        for (Map<String, Object> node : nodes) {
            assertThat((List<String>) node.get("queueIds")).hasSize(1);
            List<Map<String, Object>> participants = (List<Map<String, Object>>) node.get("participants");
            assertThat(participants).extracting(p -> p.get("purpose")).contains("customer", "acd");
            long duration = Instant.parse((String) node.get("end")).toEpochMilli() - Instant.parse((String) node.get("start")).toEpochMilli();
            assertThat(((Number) node.get("durationMs")).longValue()).isEqualTo(duration);
            if (!((List<?>) node.get("userIds")).isEmpty()) {
                long handle = ((Number) node.get("handleMs")).longValue();
                long talk = ((Number) node.get("talkMs")).longValue();
                long hold = ((Number) node.get("holdMs")).longValue();
                assertThat(handle).isGreaterThan(talk + hold);
                assertThat((List<?>) node.get("wrapUpCodes")).hasSize(1);
                assertThat(duration).isGreaterThanOrEqualTo(handle + ((Number) node.get("waitMs")).longValue());
            } else {
                assertThat(node.get("handleMs")).isNull();
            }
        }
    }

    @Test
    void filtersAreAppliedUpstream() {
        String queue = data.queueIds().get(0);
        Map<String, Object> filter = Map.of("interval", interval(today.minus(14, ChronoUnit.DAYS), today),
                "mediaTypes", List.of("CHAT"), "direction", "INBOUND", "queueIds", List.of(queue),
                "minHandleMs", 60_000, "onlyEnded", true);
        GraphQL.query(CONNECTION, Map.of("filter", filter, "first", 100))
                .body("errors", nullValue())
                .body("data.conversations.totalCount", greaterThan(10))
                .body("data.conversations.edges.node.mediaType", everyItem(equalTo("CHAT")))
                .body("data.conversations.edges.node.direction", everyItem(equalTo("INBOUND")))
                .body("data.conversations.edges.node.queueIds", everyItem(hasItem(queue)))
                .body("data.conversations.edges.node.handleMs", everyItem(greaterThan(59_999)));
    }

    @Test
    void invalidInputIsRejectedWithPathsBeforeAnyUpstreamCall() {
        Map<String, Object> backwards = Map.of("interval", Map.of("start", today.toString(), "end", today.minus(1, ChronoUnit.DAYS).toString()));
        GraphQL.query(CONNECTION, Map.of("filter", backwards, "first", 500, "after", "not-a-cursor"))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("filter.interval.end", "first", "after")));

        Map<String, Object> tooLong = filter(today.minus(40, ChronoUnit.DAYS), today);
        GraphQL.query(CONNECTION, Map.of("filter", tooLong))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("filter.interval")));

        Map<String, Object> notADate = Map.of("interval", Map.of("start", "yesterday", "end", today.toString()));
        // A DateTime the schema refuses: nothing runs, and the message names the field.
        GraphQL.query(CONNECTION, Map.of("filter", notADate))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", containsString("interval"));

        GraphQL.query("""
                query($filter: ConversationFilterInput!) {
                  conversationTimeSeries(filter: $filter, granularity: "PT7M", timeZone: "Mars/Olympus") { metric }
                }""", Map.of("filter", filter(today.minus(1, ChronoUnit.DAYS), today)))
                .body("errors[0].extensions.code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].extensions.fieldErrors.path", equalTo(List.of("timeZone", "granularity")));

        GraphQL.query("""
                query($filter: ConversationFilterInput!) {
                  conversationTimeSeries(filter: $filter, granularity: "PT15M") { metric }
                }""", Map.of("filter", filter(today.minus(30, ChronoUnit.DAYS), today)))
                .body("errors[0].extensions.fieldErrors[0].path", equalTo("granularity"));

        assertThat(Simulator.calls("POST", DETAILS)).isZero();
        assertThat(Simulator.calls("POST", AGGREGATES)).isZero();
    }

    @Test
    void timeSeriesHasEveryBucketZeroFilled() {
        // Today and tomorrow by the hour: tomorrow has no data yet, its buckets must still be there, as zeros.
        var result = GraphQL.query("""
                query($filter: ConversationFilterInput!) {
                  conversationTimeSeries(filter: $filter, granularity: "PT1H") {
                    group { dimension value } metric cache { hit }
                    points { start end count sumMs avgMs maxMs }
                  }
                }""", Map.of("filter", filter(today, today.plus(2, ChronoUnit.DAYS))))
                .body("errors", nullValue())
                .body("data.conversationTimeSeries.metric", equalTo(List.of("N_OFFERED", "T_HANDLE")))
                .body("data.conversationTimeSeries[0].points", hasSize(48))
                .body("data.conversationTimeSeries[1].points", hasSize(48))
                .extract();
        List<Map<String, Object>> handle = result.path("data.conversationTimeSeries[1].points");
        assertThat(handle.get(0).get("start")).isEqualTo(today.toString());
        assertThat(handle.get(47).get("end")).isEqualTo(today.plus(2, ChronoUnit.DAYS).toString());
        for (Map<String, Object> point : handle.subList(24, 48)) {
            assertThat(((Number) point.get("count")).longValue()).isZero();
        }
        for (Map<String, Object> point : handle) {
            long count = ((Number) point.get("count")).longValue();
            if (count > 0) {
                assertThat(((Number) point.get("avgMs")).doubleValue())
                        .isCloseTo(((Number) point.get("sumMs")).doubleValue() / count, Percentage.withPercentage(0.001));
            }
        }
        assertThat(Simulator.calls("POST", AGGREGATES)).isEqualTo(1);
    }

    @Test
    void timeSeriesGroupsByDimension() {
        GraphQL.query("""
                query($filter: ConversationFilterInput!) {
                  conversationTimeSeries(filter: $filter, granularity: "P1D", groupBy: [QUEUE_ID], metrics: [N_OFFERED]) {
                    group { dimension value } metric points { count }
                  }
                }""", Map.of("filter", filter(today.minus(7, ChronoUnit.DAYS), today)))
                .body("errors", nullValue())
                .body("data.conversationTimeSeries", hasSize(data.queueIds().size()))
                .body("data.conversationTimeSeries.group.dimension.flatten()", everyItem(equalTo("QUEUE_ID")))
                .body("data.conversationTimeSeries[0].points", hasSize(7));
    }

    static Map<String, Object> filter(Instant from, Instant to) {
        return Map.of("interval", interval(from, to));
    }

    static Map<String, Object> interval(Instant from, Instant to) {
        return Map.of("start", from.toString(), "end", to.toString());
    }
}
