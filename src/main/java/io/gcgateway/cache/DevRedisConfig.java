package io.gcgateway.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Dev mode only: the Redis the gateway starts for itself ({@link DevRedis}). */
@ConfigMapping(prefix = "gateway.dev-redis")
public interface DevRedisConfig {

    /** Start a local redis-server in dev mode (from PATH, else the one shipped in a Maven artifact). */
    @WithDefault("true")
    boolean enabled();

    /** Its port; {@code quarkus.redis.hosts} points here in dev mode. */
    @WithDefault("6390")
    int port();
}
