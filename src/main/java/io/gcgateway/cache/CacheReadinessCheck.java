package io.gcgateway.cache;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reports both Redis roles in readiness data without ever making the gateway unready: the built-in Redis check is
 * off because a Redis outage must degrade the gateway (uncached answers; changes that need the state Redis refused
 * with a code), not take every replica out of the load balancer, where reads would fail too.
 */
@Readiness
@ApplicationScoped
class CacheReadinessCheck implements AsyncHealthCheck {

    private final CacheStatus cache;
    private final StateStatus state;

    CacheReadinessCheck(CacheStatus cache, StateStatus state) {
        this.cache = cache;
        this.state = state;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.combine().all().unis(cache.probe(), state.probe()).asTuple().map(both -> HealthCheckResponse.named("redis")
                .up()
                .withData("cache", both.getItem1() ? "available" : "degraded")
                .withData("state", both.getItem2() ? "available" : "unavailable: changes that need it are refused")
                .build());
    }
}
