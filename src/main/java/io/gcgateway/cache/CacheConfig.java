package io.gcgateway.cache;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How the gateway judges each Redis role available: the settings of their circuit breakers ({@link CacheStatus}). */
@ConfigMapping(prefix = "gateway.cache")
public interface CacheConfig {

    /** How long a Redis availability probe may take before the cache counts as unavailable. */
    @WithDefault("500ms")
    Duration probeTimeout();

    /** After a Redis outage is noticed, how long cache operations skip Redis before trying it again. */
    @WithDefault("5s")
    Duration retryAfterFailure();

    /**
     * Consecutive failed or late Redis operations that make an outage. One slow reply
     * under a burst is not an outage, and switching the cache off for it would send the burst to Genesys.
     */
    @WithDefault("3")
    @Min(1)
    int failuresBeforeOutage();
}
