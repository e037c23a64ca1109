package io.gcgateway.analytics;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits and caching of the analytics queries. */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /** Longest interval one query may span. */
    @WithDefault("31d")
    Duration maxInterval();

    /** Granularities accepted by {@code conversationTimeSeries} (ISO-8601 durations/periods). */
    @WithDefault("PT15M,PT30M,PT1H,P1D")
    List<String> granularities();

    /** Most buckets one time series may have. */
    @WithDefault("1000")
    @Min(1)
    int maxBuckets();

    /** Largest {@code first} of the conversations connection (and Genesys page size). */
    @WithDefault("100")
    @Min(1)
    @Max(100)
    int maxPageSize();

    /** Redis cache of upstream analytics results. */
    Cache cache();

    /** Streaming export of async details jobs. */
    Export export();

    interface Cache {
        /** Freshness of results whose interval lies wholly in the past. */
        @WithDefault("4h")
        Duration pastTtl();

        /** Freshness of results whose interval touches the recent past or now (data still arriving). */
        @WithDefault("60s")
        Duration recentTtl();

        /** An interval ending less than this long ago counts as recent. */
        @WithDefault("10m")
        Duration recentWindow();

        /** How long past freshness an entry is kept to be served when Genesys fails (stale-if-error). */
        @WithDefault("24h")
        Duration staleFor();

        /** Lease of the cross-instance lock held while one gateway fetches a result for all. */
        @WithDefault("10s")
        Duration lockLease();

        /** Budget of each Redis operation; slower means "cache unavailable" (fail open). */
        @WithDefault("500ms")
        Duration redisTimeout();
    }

    interface Export {
        /** Longest interval of one export (async jobs are meant for result sets too big for page paging). */
        @WithDefault("366d")
        Duration maxInterval();

        /** Conversations fetched per cursor page while streaming an export. */
        @WithDefault("500")
        @Min(1)
        @Max(1000)
        int pageSize();

        /** Longest wait for an async job to be fulfilled before the download fails. */
        @WithDefault("120s")
        Duration maxJobWait();
    }
}
