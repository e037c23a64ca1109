package io.gcgateway.analytics;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.gcgateway.gateway.PageInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** GraphQL output types of the analytics capability. */
public final class AnalyticsTypes {
    private AnalyticsTypes() {
    }

    /** A conversation from the details query, flattened from Genesys's participants / sessions / segments. */
    @Type("Conversation")
    @RegisterForReflection
    public record Conversation(
            @NonNull @Id String id,
            @NonNull Instant start,
            Instant end,
            @NonNull Direction direction,
            @NonNull MediaType mediaType,
            @Description("end - start in milliseconds (a whole number), when ended.") Long durationMs,
            @Description("Sum of tHandle (talk + hold + after-call work), in milliseconds.") Long handleMs,
            @Description("Sum of tTalk, in milliseconds.") Long talkMs,
            @Description("Sum of tHeld, in milliseconds.") Long holdMs,
            @Description("Time waiting in queue (sum of tAcd), in milliseconds.") Long waitMs,
            @NonNull List<@NonNull String> queueIds,
            @NonNull List<@NonNull String> userIds,
            @NonNull List<@NonNull String> wrapUpCodes,
            @NonNull List<@NonNull ConversationParticipant> participants) {
        /**
         * The id alone, which equal conversations share: conversations are the keys of the batch fields' data loaders
         * (queues, wrap-ups), and the record's own hash of every component, participants included, was 3 % of the
         * gateway's CPU on a page of 100 with names (JFR).
         */
        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    @Type("ConversationParticipant")
    @RegisterForReflection
    public record ConversationParticipant(@NonNull String purpose, String userId, String queueId) {
    }

    @Type("ConversationEdge")
    public record ConversationEdge(@NonNull String cursor, @NonNull Conversation node) {
    }

    /** A Relay connection over the details query, newest conversations first. */
    @Type("ConversationConnection")
    public record ConversationConnection(@NonNull List<@NonNull ConversationEdge> edges,
            @NonNull PageInfo pageInfo,
            @NonNull @Description("Genesys totalHits (approximate while data for the interval is still arriving).") Integer totalCount,
            @NonNull CacheInfo cache) {
    }

    /** Where a result came from: the Redis cache (fresh, or stale because Genesys failed) or Genesys itself. */
    @Type("CacheInfo")
    @RegisterForReflection
    public record CacheInfo(@NonNull Boolean hit, @NonNull Boolean stale, Instant storedAt,
            @Description("Seconds the entry stays fresh (a whole number).") Long ttlSeconds) {
    }

    @Type("GroupValue")
    public record GroupValue(@NonNull AnalyticsDimension dimension, @NonNull String value) {
    }

    /** One metric for one group over time; every bucket of the interval is present (zeros where no data). */
    @Type("TimeSeries")
    public record TimeSeries(@NonNull List<@NonNull GroupValue> group, @NonNull AnalyticsMetric metric,
            @NonNull List<@NonNull TimeSeriesPoint> points, @NonNull CacheInfo cache) {
    }

    /** One bucket. For count metrics ({@code N_*}) only {@code count} is meaningful. */
    @Type("TimeSeriesPoint")
    public record TimeSeriesPoint(@NonNull Instant start, @NonNull Instant end, @NonNull Long count,
            @NonNull @Description("Sum of the metric in the bucket, in milliseconds (0 for count metrics).") Double sumMs,
            @NonNull @Description("Mean per measured conversation, in milliseconds (0 for count metrics).") Double avgMs,
            @NonNull @Description("Largest single value, in milliseconds (0 for count metrics).") Double maxMs) {
    }

    /** An async details job whose results stream from {@code downloadUrl} (NDJSON) or {@code csvUrl}. */
    @Type("ExportJob")
    public record ExportJob(@NonNull @Id String id, @NonNull String downloadUrl, @NonNull String csvUrl) {
    }
}
