package io.gcgateway.simulator.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v2/analytics/conversations}: the synchronous details query (page paging, capped at 100,000 results),
 * the aggregates query (time buckets, groups, statistics) and asynchronous details jobs (cursor paging).
 */
@Path("/simulator/api/v2/analytics/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsConversationsResource {
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_RESULTS = 100_000;
    private static final int MAX_BUCKETS = 10_000;
    private static final int MAX_JOBS = 50;
    private static final long JOB_RUN_MILLIS = 300;

    private final ConversationDataSet data;
    private final Set<String> filterNames = AnalyticsQueries.filterNames();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    AnalyticsConversationsResource(ConversationDataSet data) {
        this.data = data;
    }

    /**
     * Several conversations by id, as Genesys answers {@code GET /api/v2/analytics/conversations/details?id=a,b}:
     * those it has details for, in a {@code conversations} list (left out when there are none). Ids come as one
     * comma-separated value or as repeated parameters.
     */
    @GET
    @Path("/details")
    public Map<String, Object> detailsById(@QueryParam("id") List<String> ids) {
        List<String> wanted = ids == null ? List.of() : ids.stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (wanted.isEmpty()) {
            throw SimulatorException.badRequest("id is required");
        }
        if (wanted.size() > MAX_PAGE_SIZE) {
            throw SimulatorException.badRequest("at most " + MAX_PAGE_SIZE + " ids");
        }
        List<Map<String, Object>> found = wanted.stream().map(data::byId).flatMap(Optional::stream)
                .map(SimConversation::details).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        if (!found.isEmpty()) {
            response.put("conversations", found);
        }
        return response;
    }

    @POST
    @Path("/details/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> detailsQuery(JsonNode body) {
        long[] interval = AnalyticsQueries.interval(body);
        JsonNode paging = body.path("paging");
        int pageSize = paging.path("pageSize").asInt(25);
        int pageNumber = paging.path("pageNumber").asInt(1);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || pageNumber < 1) {
            throw SimulatorException.badRequest("paging.pageSize must be 1-" + MAX_PAGE_SIZE + " and pageNumber >= 1");
        }
        if ((long) pageSize * pageNumber > MAX_RESULTS) {
            throw SimulatorException.badRequest("Pagination may not exceed 100000 results.");
        }
        List<SimConversation> matches = matching(body, data.activeBetween(interval[0], interval[1]));
        sort(matches, body.path("orderBy").asText("conversationStart"), body.path("order").asText("asc"));

        Map<String, Object> response = new LinkedHashMap<>();
        int from = Math.min(matches.size(), (pageNumber - 1) * pageSize);
        List<Map<String, Object>> page = matches.subList(from, Math.min(matches.size(), from + pageSize)).stream()
                .map(SimConversation::details).toList();
        if (!page.isEmpty()) {
            response.put("conversations", page);
        }
        response.put("totalHits", matches.size());
        return response;
    }

    @POST
    @Path("/aggregates/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> aggregatesQuery(JsonNode body) {
        long[] interval = AnalyticsQueries.interval(body);
        ZoneId zone = AnalyticsQueries.zone(body);
        List<String> metrics = strings(body.path("metrics"));
        if (metrics.isEmpty()) {
            throw SimulatorException.badRequest("metrics is required");
        }
        for (String metric : metrics) {
            if (!AnalyticsQueries.METRICS.contains(metric)) {
                throw SimulatorException.badRequest("Unknown metric '" + metric + "'");
            }
        }
        List<String> groupBy = strings(body.path("groupBy"));
        for (String dimension : groupBy) {
            if (!AnalyticsQueries.GROUP_BY.contains(dimension)) {
                throw SimulatorException.badRequest("groupBy: unknown dimension '" + dimension + "'");
            }
        }
        JsonNode filter = body.get("filter");
        QueryFilters.validate(filter, "filter", filterNames);
        List<Long> bucketStarts = buckets(interval, body.path("granularity").asText(null), zone);

        // group → bucket index → metric → [count, sum, min, max]
        Map<Map<String, String>, TreeMap<Integer, Map<String, long[]>>> groups = new LinkedHashMap<>();
        for (SimConversation c : data.startingBetween(interval[0], interval[1])) {
            Function<String, Object> conversation = QueryFilters.conversationView(c);
            if (filter != null && !filter.isNull() && Segment.participants(c).stream()
                    .flatMap(p -> p.segments().stream())
                    .noneMatch(s -> QueryFilters.matches(filter, QueryFilters.segmentView(s, conversation)))) {
                continue;
            }
            Map<String, String> group = new TreeMap<>();
            for (String dimension : groupBy) {
                String value = groupValue(c, dimension);
                if (value != null) {
                    group.put(dimension, value);
                }
            }
            int bucket = bucketOf(bucketStarts, c.start());
            Map<String, long[]> stats = groups.computeIfAbsent(group, g -> new TreeMap<>())
                    .computeIfAbsent(bucket, b -> new LinkedHashMap<>());
            Map<String, Long> values = c.metrics();
            for (String metric : metrics) {
                Long value = values.get(metric);
                if (value != null) {
                    long[] s = stats.computeIfAbsent(metric, m -> new long[] { 0, 0, Long.MAX_VALUE, Long.MIN_VALUE });
                    s[0]++;
                    s[1] += value;
                    s[2] = Math.min(s[2], value);
                    s[3] = Math.max(s[3], value);
                }
            }
        }

        List<Map<String, Object>> results = new ArrayList<>();
        groups.forEach((group, buckets) -> {
            List<Map<String, Object>> dataPoints = new ArrayList<>();
            buckets.forEach((index, stats) -> {
                long start = bucketStarts.get(index);
                long end = index + 1 < bucketStarts.size() ? bucketStarts.get(index + 1) : interval[1];
                List<Map<String, Object>> metricList = new ArrayList<>();
                stats.forEach((metric, s) -> metricList.add(Map.of("metric", metric, "stats", metric.startsWith("n")
                        ? Map.of("count", s[1])
                        : Map.of("count", s[0], "sum", s[1], "min", s[2], "max", s[3]))));
                dataPoints.add(Map.of("interval", SimConversation.iso(start) + "/" + SimConversation.iso(end),
                        "metrics", metricList));
            });
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("group", group);
            result.put("data", dataPoints);
            results.add(result);
        });
        return results.isEmpty() ? Map.of() : Map.of("results", results);
    }

    @POST
    @Path("/details/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createJob(JsonNode body) {
        long[] interval = AnalyticsQueries.interval(body);
        long availableUntil = dataAvailability().toEpochMilli();
        List<SimConversation> matches = matching(body, data.activeBetween(interval[0], Math.min(interval[1], availableUntil)));
        sort(matches, body.path("orderBy").asText("conversationStart"), body.path("order").asText("asc"));
        int limit = body.path("limit").asInt(Integer.MAX_VALUE);
        if (matches.size() > limit) {
            matches = new ArrayList<>(matches.subList(0, limit));
        }
        if (jobs.size() >= MAX_JOBS) {
            jobs.values().stream().min(Comparator.comparingLong(Job::submitted)).ifPresent(j -> jobs.remove(j.id()));
        }
        Job job = new Job(UUID.randomUUID().toString(), System.currentTimeMillis(), List.copyOf(matches));
        jobs.put(job.id(), job);
        return Response.accepted(Map.of("jobId", job.id())).build();
    }

    @GET
    @Path("/details/jobs/availability")
    public Map<String, Object> availability() {
        return Map.of("dataAvailabilityDate", SimConversation.iso(dataAvailability().toEpochMilli()));
    }

    @GET
    @Path("/details/jobs/{jobId}")
    public Map<String, Object> jobStatus(@PathParam("jobId") String jobId) {
        Job job = job(jobId);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("state", job.fulfilled() ? "FULFILLED" : "PENDING");
        status.put("submissionDate", SimConversation.iso(job.submitted()));
        if (job.fulfilled()) {
            status.put("completionDate", SimConversation.iso(job.submitted() + JOB_RUN_MILLIS));
        }
        status.put("expirationDate", SimConversation.iso(job.submitted() + 86_400_000L));
        return status;
    }

    @GET
    @Path("/details/jobs/{jobId}/results")
    public Map<String, Object> jobResults(@PathParam("jobId") String jobId, @QueryParam("cursor") String cursor,
            @QueryParam("pageSize") Integer pageSize) {
        Job job = job(jobId);
        if (!job.fulfilled()) {
            throw new SimulatorException(400, "bad.request", "Job " + jobId + " is not fulfilled yet");
        }
        int size = pageSize == null ? 100 : pageSize;
        if (size < 1 || size > 1000) {
            throw SimulatorException.badRequest("pageSize must be 1-1000");
        }
        int offset = decodeCursor(cursor);
        int to = Math.min(job.conversations().size(), offset + size);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("conversations", job.conversations().subList(Math.min(offset, to), to).stream()
                .map(SimConversation::details).toList());
        if (to < job.conversations().size()) {
            results.put("cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)));
        }
        results.put("dataAvailabilityDate", SimConversation.iso(dataAvailability().toEpochMilli()));
        return results;
    }

    @DELETE
    @Path("/details/jobs/{jobId}")
    public Response deleteJob(@PathParam("jobId") String jobId) {
        if (jobs.remove(jobId) == null) {
            throw SimulatorException.notFound("Job " + jobId + " not found");
        }
        return Response.noContent().build();
    }

    private List<SimConversation> matching(JsonNode body, List<SimConversation> candidates) {
        JsonNode conversationFilters = body.path("conversationFilters");
        JsonNode segmentFilters = body.path("segmentFilters");
        QueryFilters.validate(conversationFilters, "conversationFilters", filterNames);
        QueryFilters.validate(segmentFilters, "segmentFilters", filterNames);
        List<SimConversation> result = new ArrayList<>();
        for (SimConversation c : candidates) {
            Function<String, Object> conversation = QueryFilters.conversationView(c);
            boolean ok = true;
            for (JsonNode filter : conversationFilters) {
                ok &= QueryFilters.matches(filter, conversation);
            }
            if (ok && segmentFilters.size() > 0) {
                List<Segment> segments = Segment.participants(c).stream().flatMap(p -> p.segments().stream()).toList();
                for (JsonNode filter : segmentFilters) {
                    ok &= segments.stream().anyMatch(s -> QueryFilters.matches(filter, QueryFilters.segmentView(s, conversation)));
                }
            }
            if (ok) {
                result.add(c);
            }
        }
        return result;
    }

    private static void sort(List<SimConversation> conversations, String orderBy, String order) {
        if ("unordered".equals(order)) {
            return;
        }
        Comparator<SimConversation> comparator = switch (orderBy) {
            case "conversationEnd", "segmentEnd" -> Comparator.comparingLong(SimConversation::end);
            case "conversationStart", "segmentStart" -> Comparator.comparingLong(SimConversation::start);
            default -> throw SimulatorException.badRequest("Invalid orderBy: " + orderBy);
        };
        comparator = comparator.thenComparing(SimConversation::id);
        conversations.sort("desc".equals(order) ? comparator.reversed() : comparator);
    }

    private static List<Long> buckets(long[] interval, String granularity, ZoneId zone) {
        List<Long> starts = new ArrayList<>();
        starts.add(interval[0]);
        if (granularity == null) {
            return starts;
        }
        TemporalAmount step = AnalyticsQueries.granularity(granularity);
        long next = AnalyticsQueries.next(interval[0], step, zone);
        while (next < interval[1]) {
            if (starts.size() >= MAX_BUCKETS) {
                throw SimulatorException.badRequest("Too many intervals for the granularity " + granularity);
            }
            starts.add(next);
            next = AnalyticsQueries.next(next, step, zone);
        }
        return starts;
    }

    private static int bucketOf(List<Long> starts, long time) {
        int index = Collections.binarySearch(starts, time);
        return index >= 0 ? index : -index - 2;
    }

    private static String groupValue(SimConversation c, String dimension) {
        return switch (dimension) {
            case "queueId" -> c.queueId();
            case "userId" -> c.userId();
            case "mediaType" -> c.mediaType();
            case "direction", "originatingDirection" -> c.direction();
            case "wrapUpCode" -> c.wrapUpCode();
            case "divisionId" -> c.divisionId();
            default -> null;
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private Job job(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw SimulatorException.notFound("Job " + jobId + " not found");
        }
        return job;
    }

    private static int decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (RuntimeException e) {
            throw SimulatorException.badRequest("Invalid cursor");
        }
    }

    /** The data lake lags: async jobs see data up to the last full hour. */
    private static Instant dataAvailability() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    private record Job(String id, long submitted, List<SimConversation> conversations) {
        boolean fulfilled() {
            return System.currentTimeMillis() - submitted >= JOB_RUN_MILLIS;
        }
    }
}
