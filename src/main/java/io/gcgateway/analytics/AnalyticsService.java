package io.gcgateway.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gcgateway.analytics.AnalyticsCache.Result;
import io.gcgateway.analytics.AnalyticsRequests.ValidFilter;
import io.gcgateway.analytics.AnalyticsTypes.CacheInfo;
import io.gcgateway.analytics.AnalyticsTypes.ConversationConnection;
import io.gcgateway.analytics.AnalyticsTypes.ConversationEdge;
import io.gcgateway.analytics.AnalyticsTypes.ExportJob;
import io.gcgateway.analytics.AnalyticsTypes.GroupValue;
import io.gcgateway.analytics.AnalyticsTypes.TimeSeries;
import io.gcgateway.analytics.AnalyticsTypes.TimeSeriesPoint;
import io.gcgateway.analytics.GenesysAnalytics.AggregateData;
import io.gcgateway.analytics.GenesysAnalytics.AggregateMetric;
import io.gcgateway.analytics.GenesysAnalytics.AggregateResult;
import io.gcgateway.analytics.GenesysAnalytics.AggregatesQuery;
import io.gcgateway.analytics.GenesysAnalytics.AggregatesQueryResponse;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQueryResponse;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.UpstreamErrorException;
import io.gcgateway.errors.UpstreamTimeoutException;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.gateway.ResponseCacheInvalidation;
import io.gcgateway.genesys.GenesysRestClients;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Orchestrates analytics queries: validation, Genesys paging, the Redis cache and shaping for GraphQL. */
@ApplicationScoped
public class AnalyticsService {
    /** Export job status: first asked at once, then after 0.5 s, doubling up to 5 s (a job takes seconds to minutes). */
    private static final Duration FIRST_JOB_POLL = Duration.ofMillis(500);
    private static final Duration LONGEST_JOB_POLL = Duration.ofSeconds(5);
    private static final List<AnalyticsMetric> DEFAULT_METRICS = List.of(AnalyticsMetric.N_OFFERED, AnalyticsMetric.T_HANDLE);

    private final AnalyticsRequests requests;
    private final AnalyticsRestClient client;
    private final AnalyticsRestClient jobStatus;
    private final AnalyticsCache cache;
    private final AnalyticsConfig config;
    private final ResponseCacheInvalidation responses;

    AnalyticsService(AnalyticsRequests requests, GenesysRestClients clients, AnalyticsCache cache, AnalyticsConfig config,
            ResponseCacheInvalidation responses) {
        this.responses = responses;
        this.requests = requests;
        this.client = clients.api(AnalyticsRestClient.class);
        this.jobStatus = clients.background(AnalyticsRestClient.class);
        this.cache = cache;
        this.config = config;
    }

    /** A page of the details query as a Relay connection; one Genesys page per call when cursors are aligned. */
    public Uni<ConversationConnection> conversations(ConversationFilterInput filterInput, Integer first, String after) {
        return Uni.createFrom().deferred(() -> {
            List<FieldError> errors = new ArrayList<>();
            ValidFilter filter = requests.filter(filterInput, errors);
            int pageSize = requests.pageSize(first, errors);
            int offset = requests.offset(after, pageSize, errors);
            AnalyticsRequests.throwIfAny(errors);

            int firstPage = offset / pageSize + 1;
            boolean aligned = offset % pageSize == 0;
            Uni<Result<DetailsPage>> page = detailsPage(filter, pageSize, firstPage);
            Uni<Result<DetailsPage>> next = aligned ? Uni.createFrom().nullItem() : detailsPage(filter, pageSize, firstPage + 1);
            return Uni.combine().all().unis(page, next).asTuple().map(pages -> {
                List<AnalyticsTypes.Conversation> rows = new ArrayList<>(pages.getItem1().value().conversations());
                if (pages.getItem2() != null) {
                    rows.addAll(pages.getItem2().value().conversations());
                }
                int skip = offset % pageSize;
                List<AnalyticsTypes.Conversation> window = rows.subList(Math.min(skip, rows.size()),
                        Math.min(rows.size(), skip + pageSize));
                List<ConversationEdge> edges = new ArrayList<>(window.size());
                for (int i = 0; i < window.size(); i++) {
                    edges.add(new ConversationEdge(AnalyticsRequests.cursor(offset + i + 1), window.get(i)));
                }
                int totalHits = pages.getItem1().value().totalHits();
                int reached = offset + edges.size();
                boolean hasNext = !edges.isEmpty() && reached < Math.min(totalHits, AnalyticsRequests.MAX_RESULTS);
                String endCursor = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                CacheInfo info = pages.getItem2() == null ? pages.getItem1().info()
                        : combine(pages.getItem1().info(), pages.getItem2().info());
                return new ConversationConnection(edges, new PageInfo(hasNext, endCursor), totalHits, info);
            });
        });
    }

    /** Aggregates as chart-ready series: one per group and metric, every bucket present. */
    public Uni<List<TimeSeries>> timeSeries(ConversationFilterInput filterInput, String granularity,
            List<AnalyticsDimension> groupBy, List<AnalyticsMetric> metrics, String timeZone) {
        return Uni.createFrom().deferred(() -> {
            List<FieldError> errors = new ArrayList<>();
            ValidFilter filter = requests.filter(filterInput, errors);
            ZoneId zone = requests.zone(timeZone, errors);
            TemporalAmount step = requests.granularity(granularity, filter, zone, errors);
            List<AnalyticsDimension> dimensions = AnalyticsRequests.limited(groupBy, "groupBy", 3, errors);
            List<AnalyticsMetric> wanted = AnalyticsRequests.limited(metrics == null || metrics.isEmpty() ? DEFAULT_METRICS : metrics,
                    "metrics", AnalyticsMetric.values().length, errors);
            AnalyticsRequests.throwIfAny(errors);

            AggregatesQuery query = requests.aggregatesQuery(filter, granularity, zone.getId(), dimensions, wanted);
            List<Instant> buckets = AnalyticsRequests.bucketStarts(filter.start(), filter.end(), step, zone, Long.MAX_VALUE);
            return cache.get("aggregates", query, AggregatesQueryResponse.class, freshness(filter),
                    () -> client.aggregatesQuery(query))
                    .map(result -> assemble(result, buckets, filter.end(), dimensions, wanted));
        });
    }

    /** Starts an async details job whose results stream from the export endpoint. */
    public Uni<ExportJob> export(ConversationFilterInput filterInput) {
        return Uni.createFrom().deferred(() -> {
            List<FieldError> errors = new ArrayList<>();
            ValidFilter filter = requests.filter(filterInput, config.export().maxInterval(), errors);
            AnalyticsRequests.throwIfAny(errors);
            return client.createDetailsJob(requests.detailsJobQuery(filter))
                    .map(job -> new ExportJob(job.jobId(), ExportResource.PATH + "/" + job.jobId() + ".ndjson",
                            ExportResource.PATH + "/" + job.jobId() + ".csv"));
        });
    }

    /**
     * Every conversation of an export job, fetched one cursor page at a time as the consumer asks for more, so
     * memory stays bounded by one page however large the job is.
     */
    public Multi<AnalyticsTypes.Conversation> exportedConversations(String jobId) {
        long deadline = System.nanoTime() + config.export().maxJobWait().toNanos();
        int pageSize = config.export().pageSize();
        return awaitFulfilled(jobId, deadline, FIRST_JOB_POLL).onItem().transformToMulti(ready -> Multi.createBy().repeating()
                .uni(CursorState::new, state -> client.detailsJobResults(jobId, state.cursor, pageSize)
                        .invoke(page -> state.cursor = page.cursor()))
                .whilst(page -> page.cursor() != null)
                .onItem().transformToIterable(GenesysAnalytics.DetailsJobResults::conversationsOrEmpty)
                .map(ConversationMapper::flatten));
    }

    /** Polls the job's status (background calls: they yield the budget to interactive queries) with a growing wait. */
    private Uni<Void> awaitFulfilled(String jobId, long deadlineNanos, Duration nextWait) {
        return jobStatus.detailsJobStatus(jobId).flatMap(status -> switch (String.valueOf(status.state())) {
            case "FULFILLED" -> Uni.createFrom().voidItem();
            case "FAILED", "CANCELLED", "EXPIRED" -> Uni.createFrom().failure(new UpstreamErrorException(
                    "Export job " + jobId + " is " + status.state().toLowerCase(Locale.ROOT)
                            + (status.errorMessage() != null ? ": " + status.errorMessage() : "")));
            default -> System.nanoTime() - deadlineNanos > 0
                    ? Uni.createFrom().failure(new UpstreamTimeoutException("Export job " + jobId + " is still running"))
                    : Uni.createFrom().voidItem().onItem().delayIt().by(nextWait).flatMap(v -> awaitFulfilled(jobId, deadlineNanos,
                            nextWait.multipliedBy(2).compareTo(LONGEST_JOB_POLL) > 0 ? LONGEST_JOB_POLL : nextWait.multipliedBy(2)));
        });
    }

    /** Cursor of the next results page of an export job. */
    private static final class CursorState {
        private String cursor;
    }

    public Uni<Integer> invalidateCache() {
        // Redis first: a response kept from an entry read just before would otherwise outlive the invalidation.
        return cache.invalidateAll().call(responses::invalidateAll);
    }

    /**
     * One Genesys page, cached already flattened: a hit then costs one small JSON parse, not the parse and
     * flattening of Genesys's nested participants/sessions/segments.
     */
    private Uni<Result<DetailsPage>> detailsPage(ValidFilter filter, int pageSize, int pageNumber) {
        DetailsQuery query = requests.detailsQuery(filter, pageSize, pageNumber);
        return cache.get("details", query, DetailsPage.class, freshness(filter),
                () -> client.detailsQuery(query).map(DetailsPage::of));
    }

    /** A details-query page as cached: totalHits and the flattened conversations. */
    @RegisterForReflection
    record DetailsPage(int totalHits, List<AnalyticsTypes.Conversation> conversations) {
        static DetailsPage of(DetailsQueryResponse response) {
            return new DetailsPage(response.totalHits(),
                    response.conversationsOrEmpty().stream().map(ConversationMapper::flatten).toList());
        }
    }

    /** Intervals wholly in the past change no more; recent ones still receive data. */
    private Duration freshness(ValidFilter filter) {
        Instant settled = Instant.now().minus(config.cache().recentWindow());
        return filter.end().isAfter(settled) ? config.cache().recentTtl() : config.cache().pastTtl();
    }

    private static List<TimeSeries> assemble(Result<AggregatesQueryResponse> result, List<Instant> buckets, Instant end,
            List<AnalyticsDimension> groupBy, List<AnalyticsMetric> metrics) {
        List<AggregateResult> groups = result.value().resultsOrEmpty();
        if (groups.isEmpty() && groupBy.isEmpty()) {
            groups = List.of(new AggregateResult(Map.of(), List.of()));
        }
        List<TimeSeries> series = new ArrayList<>();
        for (AggregateResult group : groups) {
            List<GroupValue> groupValues = new ArrayList<>();
            if (group.group() != null) {
                group.group().forEach((dimension, value) -> {
                    AnalyticsDimension known = AnalyticsDimension.fromGenesys(dimension);
                    if (known != null) {
                        groupValues.add(new GroupValue(known, value));
                    }
                });
            }
            Map<Instant, Map<String, GenesysAnalytics.Stats>> byBucket = new HashMap<>();
            for (AggregateData data : group.data() == null ? List.<AggregateData> of() : group.data()) {
                Instant start = Instant.parse(data.interval().split("/")[0]);
                Map<String, GenesysAnalytics.Stats> stats = byBucket.computeIfAbsent(start, s -> new HashMap<>());
                for (AggregateMetric metric : data.metrics() == null ? List.<AggregateMetric> of() : data.metrics()) {
                    stats.put(metric.metric(), metric.stats());
                }
            }
            for (AnalyticsMetric metric : metrics) {
                List<TimeSeriesPoint> points = new ArrayList<>(buckets.size());
                for (int i = 0; i < buckets.size(); i++) {
                    Instant bucketEnd = i + 1 < buckets.size() ? buckets.get(i + 1) : end;
                    GenesysAnalytics.Stats stats = byBucket.getOrDefault(buckets.get(i), Map.of()).get(metric.genesysName());
                    points.add(point(buckets.get(i), bucketEnd, stats, metric));
                }
                series.add(new TimeSeries(groupValues, metric, points, result.info()));
            }
        }
        return series;
    }

    private static TimeSeriesPoint point(Instant start, Instant end, GenesysAnalytics.Stats stats, AnalyticsMetric metric) {
        if (stats == null) {
            return new TimeSeriesPoint(start, end, 0L, 0.0, 0.0, 0.0);
        }
        long count = stats.count() == null ? 0 : stats.count();
        if (metric.isCount()) {
            return new TimeSeriesPoint(start, end, count, 0.0, 0.0, 0.0);
        }
        double sum = stats.sum() == null ? 0 : stats.sum();
        return new TimeSeriesPoint(start, end, count, sum, count == 0 ? 0.0 : sum / count,
                stats.max() == null ? 0.0 : stats.max().doubleValue());
    }

    private static CacheInfo combine(CacheInfo a, CacheInfo b) {
        return new CacheInfo(a.hit() && b.hit(), a.stale() || b.stale(), a.storedAt(),
                a.ttlSeconds() == null || b.ttlSeconds() == null ? null : Math.min(a.ttlSeconds(), b.ttlSeconds()));
    }
}
