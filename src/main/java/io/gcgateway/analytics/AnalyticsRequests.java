package io.gcgateway.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.gcgateway.analytics.GenesysAnalytics.AggregatesQuery;
import io.gcgateway.analytics.GenesysAnalytics.Clause;
import io.gcgateway.analytics.GenesysAnalytics.DetailsJobQuery;
import io.gcgateway.analytics.GenesysAnalytics.DetailsQuery;
import io.gcgateway.analytics.GenesysAnalytics.Filter;
import io.gcgateway.analytics.GenesysAnalytics.Paging;
import io.gcgateway.analytics.GenesysAnalytics.Predicate;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.genesys.PageCursors;
import jakarta.inject.Singleton;

/**
 * Validates GraphQL analytics arguments and turns them into Genesys queries. All problems are reported at once,
 * before any upstream call. Queries are normalized (sorted, de-duplicated, defaults explicit) so that equivalent
 * filters produce identical upstream requests, hence identical cache keys.
 */
@Singleton
class AnalyticsRequests {
    static final int MAX_IDS = 50;
    static final int MAX_RESULTS = 100_000;
    private static final String CONNECTION = "conversations";

    private final AnalyticsConfig config;

    AnalyticsRequests(AnalyticsConfig config) {
        this.config = config;
    }

    /** A validated filter: the interval as instants, lists sorted and de-duplicated. */
    record ValidFilter(Instant start, Instant end, List<String> mediaTypes, String direction, List<String> queueIds,
            List<String> userIds, Integer minHandleMs, boolean onlyEnded) {

        String interval() {
            return start + "/" + end;
        }
    }

    ValidFilter filter(ConversationFilterInput input, List<FieldError> errors) {
        return filter(input, config.maxInterval(), errors);
    }

    ValidFilter filter(ConversationFilterInput input, Duration maxInterval, List<FieldError> errors) {
        if (input == null || input.interval() == null) {
            errors.add(new FieldError("filter.interval", "is required"));
            return null;
        }
        Instant start = instant(input.interval().start(), "filter.interval.start", errors);
        Instant end = instant(input.interval().end(), "filter.interval.end", errors);
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                errors.add(new FieldError("filter.interval.end", "must be after filter.interval.start"));
            } else if (Duration.between(start, end).compareTo(maxInterval) > 0) {
                errors.add(new FieldError("filter.interval", "may span at most " + maxInterval.toDays()
                        + " days" + (maxInterval.equals(config.maxInterval()) ? "; use conversationExport for longer ranges" : "")));
            }
        }
        List<String> queueIds = ids(input.queueIds(), "filter.queueIds", errors);
        List<String> userIds = ids(input.userIds(), "filter.userIds", errors);
        if (input.minHandleMs() != null && input.minHandleMs() < 0) {
            errors.add(new FieldError("filter.minHandleMs", "must be zero or more"));
        }
        List<String> mediaTypes = input.mediaTypes() == null ? List.of()
                : input.mediaTypes().stream().filter(Objects::nonNull).map(MediaType::genesysName).distinct().sorted().toList();
        String direction = input.direction() == null ? null : input.direction().genesysName();
        return new ValidFilter(start, end, mediaTypes, direction, queueIds, userIds, input.minHandleMs(),
                Boolean.TRUE.equals(input.onlyEnded()));
    }

    /** Page {@code pageNumber} of size {@code pageSize}, newest first. */
    DetailsQuery detailsQuery(ValidFilter filter, int pageSize, int pageNumber) {
        return new DetailsQuery(filter.interval(), "desc", "conversationStart", new Paging(pageSize, pageNumber),
                conversationFilters(filter), segmentFilters(filter));
    }

    DetailsJobQuery detailsJobQuery(ValidFilter filter) {
        return new DetailsJobQuery(filter.interval(), "desc", "conversationStart", conversationFilters(filter),
                segmentFilters(filter));
    }

    AggregatesQuery aggregatesQuery(ValidFilter filter, String granularity, String timeZone, List<AnalyticsDimension> groupBy,
            List<AnalyticsMetric> metrics) {
        List<Clause> clauses = new ArrayList<>(segmentClauses(filter));
        if (filter.direction() != null) {
            clauses.add(new Clause("or", List.of(Predicate.dimension("originatingDirection", filter.direction()))));
        }
        Filter aggregateFilter = clauses.isEmpty() ? null : new Filter("and", List.of(), clauses);
        return new AggregatesQuery(filter.interval(), granularity, timeZone,
                groupBy.stream().map(AnalyticsDimension::genesysName).distinct().sorted().toList(),
                metrics.stream().map(AnalyticsMetric::genesysName).distinct().sorted().toList(), aggregateFilter);
    }

    int pageSize(Integer first, List<FieldError> errors) {
        int size = first == null ? 25 : first;
        if (size < 1 || size > config.maxPageSize()) {
            errors.add(new FieldError("first", "must be between 1 and " + config.maxPageSize()));
        }
        return size;
    }

    /** Offset encoded in an {@code after} cursor (0 without one); page paging ends at 100,000 results. */
    int offset(String after, int pageSize, List<FieldError> errors) {
        int offset = PageCursors.decode(CONNECTION, after, errors);
        if ((long) offset + pageSize > MAX_RESULTS) {
            errors.add(new FieldError("after", "Genesys pages at most 100000 results; use conversationExport"));
        }
        return offset;
    }

    static String cursor(int offset) {
        return PageCursors.encode(CONNECTION, offset);
    }

    TemporalAmount granularity(String granularity, ValidFilter filter, ZoneId zone, List<FieldError> errors) {
        if (granularity == null || !config.granularities().contains(granularity)) {
            errors.add(new FieldError("granularity", "must be one of " + config.granularities()));
            return null;
        }
        TemporalAmount step = granularity.startsWith("PT") ? Duration.parse(granularity) : Period.parse(granularity);
        if (filter != null && filter.start() != null && filter.end() != null && zone != null) {
            long buckets = bucketStarts(filter.start(), filter.end(), step, zone, config.maxBuckets() + 1L).size();
            if (buckets > config.maxBuckets()) {
                errors.add(new FieldError("granularity", "gives more than " + config.maxBuckets()
                        + " buckets for this interval; use a coarser granularity"));
            }
        }
        return step;
    }

    ZoneId zone(String timeZone, List<FieldError> errors) {
        try {
            return ZoneId.of(timeZone == null ? "UTC" : timeZone);
        } catch (RuntimeException e) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone (e.g. Europe/Dublin)"));
            return null;
        }
    }

    static <T> List<T> limited(List<T> values, String path, int max, List<FieldError> errors) {
        if (values != null && values.size() > max) {
            errors.add(new FieldError(path, "may list at most " + max + " values"));
        }
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).distinct().toList();
    }

    static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid analytics query: " + errors.get(0).path() + " "
                    + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
                    errors);
        }
    }

    /** Starts of the buckets covering [start, end), stepping in the zone (DST-aware for day periods). */
    static List<Instant> bucketStarts(Instant start, Instant end, TemporalAmount step, ZoneId zone, long limit) {
        List<Instant> starts = new ArrayList<>();
        for (Instant t = start; t.isBefore(end) && starts.size() < limit;
                t = ZonedDateTime.ofInstant(t, zone).plus(step).toInstant()) {
            starts.add(t);
        }
        return starts;
    }

    private List<Filter> conversationFilters(ValidFilter filter) {
        List<Predicate> predicates = new ArrayList<>();
        if (filter.direction() != null) {
            predicates.add(Predicate.dimension("originatingDirection", filter.direction()));
        }
        if (filter.onlyEnded()) {
            predicates.add(Predicate.exists("conversationEnd"));
        }
        if (filter.minHandleMs() != null && filter.minHandleMs() > 0) {
            predicates.add(Predicate.metricAtLeast("tHandle", filter.minHandleMs()));
        }
        return predicates.isEmpty() ? List.of() : List.of(new Filter("and", predicates, List.of()));
    }

    private List<Filter> segmentFilters(ValidFilter filter) {
        List<Clause> clauses = segmentClauses(filter);
        return clauses.isEmpty() ? List.of() : List.of(new Filter("and", List.of(), clauses));
    }

    private static List<Clause> segmentClauses(ValidFilter filter) {
        List<Clause> clauses = new ArrayList<>();
        addAnyOf(clauses, "mediaType", filter.mediaTypes());
        addAnyOf(clauses, "queueId", filter.queueIds());
        addAnyOf(clauses, "userId", filter.userIds());
        return clauses;
    }

    private static void addAnyOf(List<Clause> clauses, String dimension, List<String> values) {
        if (!values.isEmpty()) {
            clauses.add(new Clause("or", values.stream().map(v -> Predicate.dimension(dimension, v)).toList()));
        }
    }

    private static Instant instant(OffsetDateTime value, String path, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(path, "is required"));
            return null;
        }
        return value.toInstant();
    }

    private static List<String> ids(List<String> ids, String path, List<FieldError> errors) {
        List<String> values = limited(ids, path, MAX_IDS, errors);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank() || values.get(i).length() > 100) {
                errors.add(new FieldError(path + "[" + i + "]", "must be a non-blank id"));
            }
        }
        return values.stream().sorted(Comparator.naturalOrder()).toList();
    }
}
