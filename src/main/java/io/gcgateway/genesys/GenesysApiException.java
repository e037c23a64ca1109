package io.gcgateway.genesys;

import java.time.Duration;
import java.util.Optional;

/**
 * Genesys answered with an HTTP error. Carries what the gateway needs to decide (status, {@code Retry-After}) and to
 * tell the client ({@code code}, {@code message}, {@code contextId}), never the request URL or headers.
 */
public class GenesysApiException extends RuntimeException {

    private final int status;
    private final GenesysErrorBody body;
    private final Duration retryAfter;
    private final String correlationId;

    public GenesysApiException(int status, GenesysErrorBody body, Duration retryAfter, String correlationId) {
        super("Genesys answered " + status + (body.code() != null ? " " + body.code() : ""), null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
        this.correlationId = correlationId;
    }

    public int status() {
        return status;
    }

    public GenesysErrorBody body() {
        return body;
    }

    /** The error body's {@code code}, e.g. {@code not.found}, {@code too.many.requests.retry.after}. */
    public String code() {
        return body.code();
    }

    /** {@code Retry-After}, when Genesys sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The error body's {@code contextId}, falling back to the {@code ININ-Correlation-Id} header. */
    public String contextId() {
        return body.contextId() != null ? body.contextId() : correlationId;
    }

    public boolean isRateLimited() {
        return status == 429;
    }

    /** 502, 503 and 504: the request did not complete at Genesys and may be repeated if idempotent. */
    public boolean isTransientServerError() {
        return status == 502 || status == 503 || status == 504;
    }

    public boolean isServerError() {
        return status >= 500;
    }

    /**
     * The {@code ACTION.*} detail code of a failed data action execution (e.g. {@code ACTION.REMOTE_ENDPOINT}), or
     * null. Such a failure is the action's (its remote service or templates), not a Genesys outage.
     */
    public String dataActionErrorCode() {
        if (body.details() == null) {
            return null;
        }
        return body.details().stream().map(GenesysErrorBody.Detail::errorCode)
                .filter(code -> code != null && code.startsWith("ACTION."))
                .findFirst().orElse(null);
    }

    static boolean isUnauthorized(Throwable failure) {
        return failure instanceof GenesysApiException e && e.status == 401;
    }
}
