package io.gcgateway.genesys;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;

import io.gcgateway.genesys.GenesysGuard.Safety;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.inject.Singleton;

/**
 * The fault-tolerance policy for Genesys calls, built from {@link GenesysConfig} in one place: one guard per name
 * declared with {@link GenesysGuard}, each with its own circuit breaker named like the guard.
 * <p>
 * Per attempt: timeout. Around attempts: circuit breaker (5xx, timeouts and connection failures count; 4xx and 429
 * do not). Around that: retry, within a total deadline, waiting {@code Retry-After} or a jittered exponential backoff.
 */
@Singleton
public class UpstreamGuards {

    private final GenesysConfig.Upstream config;
    private final Config properties;
    private final Map<String, Declared> guards = new ConcurrentHashMap<>();

    UpstreamGuards(GenesysConfig config, Config properties) {
        this.config = config.upstream();
        this.properties = properties;
    }

    /** The guard a declaration names: built on first use, then shared by every call that names it. */
    Guard guard(GenesysGuard declaration) {
        Declared guard = guards.computeIfAbsent(declaration.value(), name -> new Declared(declaration, build(declaration)));
        if (guard.safety() != declaration.safety()
                || !guard.attemptTimeoutProperty().equals(declaration.attemptTimeoutProperty())) {
            throw new IllegalStateException("Guard " + declaration.value() + " is declared twice with different settings");
        }
        return guard.guard();
    }

    private Guard build(GenesysGuard declaration) {
        String timeoutProperty = declaration.attemptTimeoutProperty();
        Duration attemptTimeout = timeoutProperty.isEmpty() ? config.timeout()
                : properties.getValue(timeoutProperty, Duration.class);
        return declaration.safety() == Safety.IDEMPOTENT ? idempotent(declaration.value(), attemptTimeout)
                : nonIdempotent(declaration.value(), attemptTimeout);
    }

    /** The longest per-attempt timeout among these declarations (the transport's read timeout must exceed it). */
    Duration longestAttempt(Iterable<GenesysGuard> declarations) {
        Duration longest = config.timeout();
        for (GenesysGuard declaration : declarations) {
            if (!declaration.attemptTimeoutProperty().isEmpty()) {
                Duration timeout = properties.getValue(declaration.attemptTimeoutProperty(), Duration.class);
                longest = timeout.compareTo(longest) > 0 ? timeout : longest;
            }
        }
        return longest;
    }

    /** For reads and other calls that may safely run twice. */
    private Guard idempotent(String name, Duration attemptTimeout) {
        Duration maxRetryAfter = config.retry().maxRetryAfter();
        return build(name, failure -> UpstreamFailures.retryableWhenIdempotent(failure, maxRetryAfter), attemptTimeout);
    }

    /** For calls that must not run twice (execute, create): retried only when Genesys cannot have acted. */
    private Guard nonIdempotent(String name, Duration attemptTimeout) {
        Duration maxRetryAfter = config.retry().maxRetryAfter();
        return build(name, failure -> UpstreamFailures.retryableWhenNotIdempotent(failure, maxRetryAfter), attemptTimeout);
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

    private record Declared(Safety safety, String attemptTimeoutProperty, Guard guard) {
        Declared(GenesysGuard declaration, Guard guard) {
            this(declaration.safety(), declaration.attemptTimeoutProperty(), guard);
        }
    }
}
