package io.gcgateway.genesys;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;

import io.smallrye.faulttolerance.api.Guard;
import jakarta.inject.Singleton;

/**
 * The fault-tolerance policy for Genesys calls, built from {@link GenesysConfig} in one place. Each API area
 * produces its guards here ({@code @Produces @Identifier("genesys-x") Guard}) and applies them with
 * {@code @ApplyGuard}; each guard has its own circuit breaker named like the guard.
 * <p>
 * Per attempt: timeout. Around attempts: circuit breaker (5xx, timeouts and connection failures count; 4xx and 429
 * do not). Around that: retry, within a total deadline, waiting {@code Retry-After} or a jittered exponential backoff.
 */
@Singleton
public class UpstreamGuards {

    private final GenesysConfig.Upstream config;

    UpstreamGuards(GenesysConfig config) {
        this.config = config.upstream();
    }

    /** For reads and other calls that may safely run twice. */
    public Guard idempotent(String name) {
        Duration maxRetryAfter = config.retry().maxRetryAfter();
        return build(name, failure -> UpstreamFailures.retryableWhenIdempotent(failure, maxRetryAfter));
    }

    /** For calls that must not run twice (execute, create): retried only when Genesys cannot have acted. */
    public Guard nonIdempotent(String name) {
        return nonIdempotent(name, config.timeout());
    }

    /** As {@link #nonIdempotent(String)}, with its own per-attempt timeout. */
    public Guard nonIdempotent(String name, Duration attemptTimeout) {
        Duration maxRetryAfter = config.retry().maxRetryAfter();
        return build(name, failure -> UpstreamFailures.retryableWhenNotIdempotent(failure, maxRetryAfter), attemptTimeout);
    }

    private Guard build(String name, Predicate<Throwable> retryable) {
        return build(name, retryable, config.timeout());
    }

    private Guard build(String name, Predicate<Throwable> retryable, Duration attemptTimeout) {
        GenesysConfig.Retry retry = config.retry();
        GenesysConfig.CircuitBreaker breaker = config.circuitBreaker();
        return Guard.create()
                .withDescription(name)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(Math.max(retry.deadline().toMillis(), attemptTimeout.toMillis() + 1), ChronoUnit.MILLIS)
                    .whenException(retryable)
                    .withCustomBackoff()
                        .strategy(() -> new RetryAfterBackoff(retry.maxDelay(), retry.deadline()))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .name(name)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .when(UpstreamFailures::countsAsCircuitFailure)
                    .done()
                .withTimeout()
                    .duration(attemptTimeout.toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }
}
