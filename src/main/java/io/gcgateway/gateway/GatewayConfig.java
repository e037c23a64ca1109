package io.gcgateway.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the gateway itself (as opposed to how it reaches Genesys). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The Redis cache. */
    Cache cache();

    /** Dev mode only: the Redis the gateway starts for itself. */
    DevRedis devRedis();

    interface Cache {
        /** How long a Redis availability probe may take before the cache counts as unavailable. */
        @WithDefault("500ms")
        Duration probeTimeout();

        /** After a Redis failure, how long cache operations skip Redis before trying it again. */
        @WithDefault("5s")
        Duration retryAfterFailure();
    }

    interface DevRedis {
        /** Start a local redis-server in dev mode (from PATH, else the one shipped in a Maven artifact). */
        @WithDefault("true")
        boolean enabled();

        /** Its port; {@code quarkus.redis.hosts} points here in dev mode. */
        @WithDefault("6390")
        int port();
    }
}
