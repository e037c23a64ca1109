package io.gcgateway.directory;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How the gateway reads and keeps the Genesys directory. */
@ConfigMapping(prefix = "directory")
public interface DirectoryConfig {

    /**
     * Ids per bulk call ({@code ?id=…&id=…}). Genesys documents no maximum (unconfirmed, hence configurable);
     * 100 ids keep the URL near 4 KB, under its 8 KB limit.
     */
    @WithDefault("100")
    @Min(1)
    @Max(100)
    int bulkSize();

    /** How long names of users, queues, wrap-up codes and presence definitions are kept (Redis and each replica). */
    @WithDefault("5m")
    Duration ttl();

    /** How long each replica keeps an entry in memory before asking Redis again (no notification refreshes it). */
    @WithDefault("30s")
    Duration localTtl();

    /** How long a user's presence and routing status are reused: live state, never stale by minutes. */
    @WithDefault("5s")
    Duration liveTtl();

    /**
     * How long a queue observation is reused by this replica: however many clients watch a queue, it costs Genesys
     * at most one observation query per this interval.
     */
    @WithDefault("2s")
    Duration observationTtl();

    /** Budget of each directory Redis operation; past it the directory is read from Genesys. */
    @WithDefault("300ms")
    Duration redisTimeout();
}
