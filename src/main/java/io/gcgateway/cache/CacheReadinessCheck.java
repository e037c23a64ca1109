package io.gcgateway.cache;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reports the cache in readiness data without ever making the gateway unready: the built-in Redis check is off
 * because a Redis outage must degrade the gateway (uncached answers), not take it out of the load balancer.
 */
@Readiness
@ApplicationScoped
class CacheReadinessCheck implements AsyncHealthCheck {

    private final CacheStatus cache;

    CacheReadinessCheck(CacheStatus cache) {
        this.cache = cache;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return cache.probe().map(available -> HealthCheckResponse.named("redis-cache")
                .up()
                .withData("cache", available ? "available" : "degraded")
                .build());
    }
}
