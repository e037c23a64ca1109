package io.gcgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.AnalyticsApi;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationAsyncQueryResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationQueryResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationWithoutAttributes;
import com.mypurecloud.sdk.v2.model.AnalyticsConversationWithoutAttributesMultiGetResponse;
import com.mypurecloud.sdk.v2.model.AnalyticsParticipantWithoutAttributes;
import com.mypurecloud.sdk.v2.model.AnalyticsSession;
import com.mypurecloud.sdk.v2.model.AnalyticsSessionMetric;
import com.mypurecloud.sdk.v2.model.AsyncConversationQuery;
import com.mypurecloud.sdk.v2.model.AsyncQueryStatus;
import com.mypurecloud.sdk.v2.model.ConversationAggregateDataContainer;
import com.mypurecloud.sdk.v2.model.ConversationAggregateQueryResponse;
import com.mypurecloud.sdk.v2.model.ConversationAggregationQuery;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.ConversationDetailQueryPredicate;
import com.mypurecloud.sdk.v2.model.ConversationQuery;
import com.mypurecloud.sdk.v2.model.ErrorBody;
import com.mypurecloud.sdk.v2.model.NumericRange;
import com.mypurecloud.sdk.v2.model.PagingSpec;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryClause;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryFilter;
import com.mypurecloud.sdk.v2.model.SegmentDetailQueryPredicate;

import io.gcgateway.Simulator;
import io.gcgateway.simulator.analytics.ConversationDataSet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The simulator's analytics endpoints, called and parsed with the official SDK's AnalyticsApi and models. */
@QuarkusTest
class AnalyticsSdkContractTest {

    @Inject
    ConversationDataSet data;

    private AnalyticsApi analytics;
    private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void connect() {
        Simulator.reset();
        analytics = new AnalyticsApi(Simulator.sdkClient());
    }

    @Test
    void conversationsByIdAnswerTheKnownOnesInTheSdksMultiGetShape() throws Exception {
        ConversationQuery query = new ConversationQuery().interval(interval(today.minus(2, ChronoUnit.DAYS), today))
                .paging(new PagingSpec().pageSize(3).pageNumber(1));
        List<String> ids = analytics.postAnalyticsConversationsDetailsQuery(query).getConversations().stream()
                .map(AnalyticsConversationWithoutAttributes::getConversationId).toList();
        assertThat(ids).hasSize(3);

        List<String> asked = new ArrayList<>(ids);
        asked.add("00000000-0000-0000-0000-000000000000");
        AnalyticsConversationWithoutAttributesMultiGetResponse found = analytics.getAnalyticsConversationsDetails(asked);
        assertThat(found.getConversations()).extracting(AnalyticsConversationWithoutAttributes::getConversationId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(found.getConversations().get(0).getParticipants()).isNotEmpty();
        assertThat(found.getConversations().get(0).getConversationStart()).isNotNull();
    }

    @Test
    void detailsQueryWithNestedFiltersParsesAndHonoursThem() throws Exception {
        List<String> queues = data.queueIds().subList(0, 2);
        ConversationQuery query = new ConversationQuery()
                .interval(interval(today.minus(7, ChronoUnit.DAYS), today))
                .order(ConversationQuery.OrderEnum.DESC)
                .orderBy(ConversationQuery.OrderByEnum.CONVERSATIONSTART)
                .paging(new PagingSpec().pageSize(50).pageNumber(1))
                .conversationFilters(List.of(new ConversationDetailQueryFilter()
                        .type(ConversationDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(
                                new ConversationDetailQueryPredicate()
                                        .dimension(ConversationDetailQueryPredicate.DimensionEnum.CONVERSATIONEND)
                                        .operator(ConversationDetailQueryPredicate.OperatorEnum.EXISTS),
                                new ConversationDetailQueryPredicate()
                                        .type(ConversationDetailQueryPredicate.TypeEnum.METRIC)
                                        .metric(ConversationDetailQueryPredicate.MetricEnum.THANDLE)
                                        .range(new NumericRange().gte(new BigDecimal(60_000)))))))
                .segmentFilters(List.of(new SegmentDetailQueryFilter()
                        .type(SegmentDetailQueryFilter.TypeEnum.AND)
                        .predicates(List.of(new SegmentDetailQueryPredicate()
                                .dimension(SegmentDetailQueryPredicate.DimensionEnum.MEDIATYPE).value("voice")))
                        .clauses(List.of(new SegmentDetailQueryClause()
                                .type(SegmentDetailQueryClause.TypeEnum.OR)
                                .predicates(queues.stream().map(q -> new SegmentDetailQueryPredicate()
                                        .dimension(SegmentDetailQueryPredicate.DimensionEnum.QUEUEID).value(q)).toList())))));

        AnalyticsConversationQueryResponse response = analytics.postAnalyticsConversationsDetailsQuery(query);

        assertThat(response.getTotalHits()).isGreaterThan(50);
        List<AnalyticsConversationWithoutAttributes> conversations = response.getConversations();
        assertThat(conversations).hasSize(50);
        for (int i = 1; i < conversations.size(); i++) {
            assertThat(conversations.get(i).getConversationStart()).isBeforeOrEqualTo(conversations.get(i - 1).getConversationStart());
        }
        for (AnalyticsConversationWithoutAttributes c : conversations) {
            assertThat(c.getConversationEnd()).isNotNull();
            AnalyticsParticipantWithoutAttributes agent = c.getParticipants().stream()
                    .filter(p -> "agent".equals(p.getPurpose().toString())).findFirst().orElseThrow();
            AnalyticsSession session = agent.getSessions().get(0);
            assertThat(session.getMediaType().toString()).isEqualTo("voice");
            assertThat(session.getSegments()).anyMatch(s -> queues.contains(s.getQueueId()));
            Map<String, Long> metrics = metrics(session);
            assertThat(metrics.get("tHandle")).isGreaterThanOrEqualTo(60_000L)
                    .isEqualTo(metrics.get("tTalk") + metrics.getOrDefault("tHeld", 0L) + metrics.get("tAcw"));
        }
    }

    @Test
    void pagingPastOneHundredThousandResultsIsRejected() {
        ConversationQuery query = new ConversationQuery().interval(interval(today.minus(7, ChronoUnit.DAYS), today))
                .paging(new PagingSpec().pageSize(100).pageNumber(1001));
        ApiException e = catchThrowableOfType(ApiException.class, () -> analytics.postAnalyticsConversationsDetailsQuery(query));
        assertThat(e.getStatusCode()).isEqualTo(400);
        assertThat(e.getRawBody()).contains("Pagination may not exceed 100000 results.");
    }

    @Test
    void aggregatesQueryGroupsAndBucketsWithConsistentStatistics() throws Exception {
        Instant from = today.minus(7, ChronoUnit.DAYS);
        ConversationAggregationQuery query = new ConversationAggregationQuery()
                .interval(interval(from, today))
                .granularity("P1D")
                .timeZone("UTC")
                .groupBy(List.of(ConversationAggregationQuery.GroupByEnum.QUEUEID))
                .metrics(List.of(ConversationAggregationQuery.MetricsEnum.NOFFERED,
                        ConversationAggregationQuery.MetricsEnum.THANDLE));
        ConversationAggregateQueryResponse response = analytics.postAnalyticsConversationsAggregatesQuery(query);

        assertThat(response.getResults()).hasSize(data.queueIds().size());
        long offered = 0;
        for (ConversationAggregateDataContainer group : response.getResults()) {
            assertThat(data.queueIds()).contains(group.getGroup().get("queueId"));
            assertThat(group.getData()).hasSizeLessThanOrEqualTo(7);
            for (var bucket : group.getData()) {
                Instant start = Instant.parse(bucket.getInterval().split("/")[0]);
                assertThat(start).isBetween(from, today);
                var nOffered = bucket.getMetrics().stream().filter(m -> m.getMetric().toString().equals("nOffered")).findFirst().orElseThrow();
                var tHandle = bucket.getMetrics().stream().filter(m -> m.getMetric().toString().equals("tHandle")).findFirst().orElseThrow();
                offered += nOffered.getStats().getCount();
                assertThat(tHandle.getStats().getCount()).isLessThanOrEqualTo(nOffered.getStats().getCount());
                assertThat(tHandle.getStats().getMax()).isGreaterThanOrEqualTo(tHandle.getStats().getMin());
                assertThat(tHandle.getStats().getSum()).isGreaterThanOrEqualTo(tHandle.getStats().getMax());
            }
        }
        // About 667 conversations a day over 7 days.
        assertThat(offered).isBetween(3_500L, 6_000L);
    }

    @Test
    void asyncJobWalksAllResultsWithTheCursor() throws Exception {
        String interval = interval(today.minus(2, ChronoUnit.DAYS), today.minus(1, ChronoUnit.DAYS));
        String jobId = analytics.postAnalyticsConversationsDetailsJobs(new AsyncConversationQuery().interval(interval)).getJobId();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                () -> analytics.getAnalyticsConversationsDetailsJob(jobId).getState() == AsyncQueryStatus.StateEnum.FULFILLED);

        Set<String> ids = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            AnalyticsConversationAsyncQueryResponse page = analytics.getAnalyticsConversationsDetailsJobResults(jobId, cursor, 250);
            page.getConversations().forEach(c -> ids.add(c.getConversationId()));
            pageSizes.add(page.getConversations().size());
            assertThat(page.getDataAvailabilityDate()).isNotNull();
            cursor = page.getCursor();
        } while (cursor != null);

        int totalHits = analytics.postAnalyticsConversationsDetailsQuery(new ConversationQuery().interval(interval)).getTotalHits();
        assertThat(ids).hasSize(totalHits);
        assertThat(pageSizes.size()).isGreaterThan(1);
        assertThat(analytics.getAnalyticsConversationsDetailsJobsAvailability().getDataAvailabilityDate()).isNotNull();
    }

    @Test
    void aggregatesWithoutMetricsIsAGenesysBadRequest() throws Exception {
        ApiException e = catchThrowableOfType(ApiException.class, () -> analytics.postAnalyticsConversationsAggregatesQuery(
                new ConversationAggregationQuery().interval(interval(today.minus(1, ChronoUnit.DAYS), today))));
        assertThat(e.getStatusCode()).isEqualTo(400);
        ErrorBody body = ApiClient.Builder.standard().build().getObjectMapper().readValue(e.getRawBody(), ErrorBody.class);
        assertThat(body.getCode()).isEqualTo("bad.request");
        assertThat(body.getMessage()).contains("metrics");
    }

    private static Map<String, Long> metrics(AnalyticsSession session) {
        Map<String, Long> metrics = new HashMap<>();
        for (AnalyticsSessionMetric metric : session.getMetrics()) {
            metrics.put(metric.getName(), metric.getValue());
        }
        return metrics;
    }

    private static String interval(Instant from, Instant to) {
        return from + "/" + to;
    }
}
