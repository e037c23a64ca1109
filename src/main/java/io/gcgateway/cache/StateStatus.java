package io.gcgateway.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

/**
 * The guard of the state Redis: the same outage rule as the cache's, its own circuit breaker ({@code redis-state}).
 * The cache's slowness never switches off record writes, transitions or webhook registration, and the state's outage
 * shows on its own ({@code gateway_redis_state_available}, readiness data). Its users fail closed.
 */
// A singleton: a client proxy would need a no-args constructor the shared guard does not have.
@Singleton
@Typed(StateStatus.class)
public class StateStatus extends CacheStatus {

    StateStatus(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, CacheConfig config, MeterRegistry registry) {
        super(redis, config, "redis-state", "State Redis unavailable: changes that need it are refused until it is back",
                "State Redis available again");
        Gauge.builder("gateway.redis.state.available", this, StateStatus::availability)
                .description("1 when the state Redis answers, 0 while it is down (changes that need it are refused)")
                .register(registry);
    }
}
