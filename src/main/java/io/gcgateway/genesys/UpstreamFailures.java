package io.gcgateway.genesys;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.gcgateway.errors.DataActionFailedException;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ForbiddenException;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.RateLimitedException;
import io.gcgateway.errors.UpstreamAuthFailedException;
import io.gcgateway.errors.UpstreamErrorException;
import io.gcgateway.errors.UpstreamTimeoutException;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.errors.VersionConflictException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

/**
 * The one place that knows what an upstream failure means: whether it may be retried (for idempotent and for
 * non-idempotent calls), whether it counts against a circuit breaker, and which client-facing error it becomes.
 */
public final class UpstreamFailures {
    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);

    private UpstreamFailures() {
    }

    /** Idempotent calls: 429 (with a {@code Retry-After} we are willing to wait), 502/503/504, connection failures. */
    static boolean retryableWhenIdempotent(Throwable failure, Duration maxRetryAfter) {
        if (failure instanceof GenesysApiException e) {
            return e.isTransientServerError() || rateLimitedWithin(e, maxRetryAfter);
        }
        return isConnectionFailure(failure);
    }

    /**
     * Non-idempotent calls are retried only when Genesys cannot have acted: a 429 (rejected before processing) or a
     * connection that was never established. A dropped connection, a 5xx or a timeout may follow execution.
     */
    static boolean retryableWhenNotIdempotent(Throwable failure, Duration maxRetryAfter) {
        if (failure instanceof GenesysApiException e) {
            return rateLimitedWithin(e, maxRetryAfter);
        }
        return isConnectionNeverEstablished(failure);
    }

    private static boolean rateLimitedWithin(GenesysApiException e, Duration maxRetryAfter) {
        return e.isRateLimited() && e.retryAfter().map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true);
    }

    /** Failures that say the upstream is unhealthy; 4xx answers (including 429) are healthy answers. */
    static boolean countsAsCircuitFailure(Throwable failure) {
        if (failure instanceof GenesysApiException e) {
            // A data action whose remote service fails says nothing about Genesys's health.
            return e.isServerError() && e.dataActionErrorCode() == null;
        }
        return isTimeout(failure) || isConnectionFailure(failure);
    }

    /** The TCP connection was refused or could not be set up in time: the request never left the gateway. */
    public static boolean isConnectionNeverEstablished(Throwable failure) {
        return find(failure, ConnectException.class) != null || find(failure, ConnectTimeoutException.class) != null;
    }

    static boolean isConnectionFailure(Throwable failure) {
        return isConnectionNeverEstablished(failure)
                || find(failure, HttpClosedException.class) != null
                || (find(failure, IOException.class) != null && find(failure, GenesysApiException.class) == null);
    }

    static boolean isTimeout(Throwable failure) {
        return find(failure, TimeoutException.class) != null
                || find(failure, java.util.concurrent.TimeoutException.class) != null
                || find(failure, io.netty.handler.timeout.TimeoutException.class) != null;
    }

    /**
     * Translates any upstream failure into the client-facing error. Messages never include URLs, hosts, ports or
     * headers; the Genesys {@code contextId} is kept so that support can find the call.
     */
    public static GatewayException translate(String operation, Throwable failure) {
        GatewayException already = find(failure, GatewayException.class);
        if (already != null) {
            return already;
        }
        GenesysApiException api = find(failure, GenesysApiException.class);
        if (api != null) {
            logUpstreamError(operation, api);
            return fromGenesys(api);
        }
        if (find(failure, CircuitBreakerOpenException.class) != null) {
            LOG.debugf("%s short-circuited: circuit open", operation);
            return new UpstreamUnavailableException("Genesys is failing; calls are paused for a short while (circuit open)");
        }
        if (isTimeout(failure)) {
            LOG.warnf("%s timed out", operation);
            return new UpstreamTimeoutException("Genesys did not answer in time");
        }
        if (isConnectionNeverEstablished(failure)) {
            LOG.warnf("%s failed: connection to Genesys refused", operation);
            return new UpstreamUnavailableException("Genesys is unreachable (connection refused)");
        }
        if (isConnectionFailure(failure)) {
            LOG.warnf("%s failed: connection to Genesys lost", operation);
            return new UpstreamUnavailableException("The connection to Genesys was lost");
        }
        LOG.errorf(failure, "%s failed unexpectedly", operation);
        return new UpstreamErrorException("The call to Genesys failed");
    }

    private static GatewayException fromGenesys(GenesysApiException e) {
        String contextId = e.contextId();
        String message = e.body().message();
        String actionError = e.dataActionErrorCode();
        if (actionError != null && !"ACTION.INPUT_VALIDATION".equals(actionError)) {
            if ("ACTION.REMOTE_TIMEOUT".equals(actionError)) {
                return UpstreamTimeoutException.mayHaveRun(
                        orDefault(message, "The data action's remote service did not answer in time"), contextId);
            }
            return new DataActionFailedException(orDefault(message, "The data action failed"), actionError, contextId);
        }
        return switch (e.status()) {
            case 400, 422 -> new ValidationFailedException(orDefault(message, "Genesys rejected the request"),
                    fieldErrors(e), contextId);
            case 401 -> new UpstreamAuthFailedException("Genesys rejected the gateway's access token", contextId);
            case 403 -> new ForbiddenException(orDefault(message, "The gateway's Genesys OAuth client lacks a required permission"),
                    contextId);
            case 404 -> new NotFoundException(orDefault(message, "Not found at Genesys"), contextId);
            case 409 -> new VersionConflictException(orDefault(message, "Genesys reported a conflicting change"), null, contextId);
            case 429 -> new RateLimitedException("Genesys rate limit exceeded",
                    e.retryAfter().map(Duration::toSeconds).orElse(3L), contextId);
            case 408, 504 -> new UpstreamTimeoutException("Genesys timed out processing the request", contextId);
            case 502, 503 -> new UpstreamUnavailableException("Genesys is temporarily unavailable", contextId);
            default -> new UpstreamErrorException(orDefault(message, "Genesys answered HTTP " + e.status()), contextId);
        };
    }

    private static List<FieldError> fieldErrors(GenesysApiException e) {
        List<GenesysErrorBody.Detail> details = e.body().details();
        if (details == null || details.isEmpty()) {
            return List.of();
        }
        return details.stream()
                .filter(d -> d.fieldName() != null || d.errorCode() != null)
                .map(d -> new FieldError(d.fieldName() != null ? d.fieldName() : "", orDefault(d.errorCode(), "invalid")))
                .toList();
    }

    private static void logUpstreamError(String operation, GenesysApiException e) {
        if (e.status() >= 500 || e.status() == 429) {
            LOG.warnf("%s failed: Genesys answered %d %s (contextId %s)", operation, e.status(), e.code(), e.contextId());
        } else {
            LOG.debugf("%s failed: Genesys answered %d %s (contextId %s)", operation, e.status(), e.code(), e.contextId());
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
