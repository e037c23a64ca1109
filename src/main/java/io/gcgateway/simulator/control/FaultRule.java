package io.gcgateway.simulator.control;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The next {@code times} requests whose method and path match answer with a fault instead of the real response.
 *
 * @param method HTTP method to match, or null for any
 * @param pathPattern regular expression matched against the whole Genesys path, e.g. {@code /api/v2/organizations/me}
 * @param times how many matching requests the rule applies to
 * @param status HTTP status to answer with (Genesys error body); 0 to only delay or drop
 * @param retryAfterSeconds {@code Retry-After} to send with the status, or null
 * @param delayMillis delay before answering (or before passing the request through when status is 0)
 * @param dropConnection close the TCP connection without answering
 * @param code error body {@code code}; defaults to the usual one for the status
 * @param message error body {@code message}
 */
@RegisterForReflection
public record FaultRule(String method, String pathPattern, int times, int status, Long retryAfterSeconds,
        long delayMillis, boolean dropConnection, String code, String message) {

    public static FaultRule status(String method, String pathPattern, int times, int status) {
        return new FaultRule(method, pathPattern, times, status, null, 0, false, null, null);
    }

    public static FaultRule rateLimited(String method, String pathPattern, int times, long retryAfterSeconds) {
        return new FaultRule(method, pathPattern, times, 429, retryAfterSeconds, 0, false, null, null);
    }

    public static FaultRule delay(String method, String pathPattern, int times, long delayMillis) {
        return new FaultRule(method, pathPattern, times, 0, null, delayMillis, false, null, null);
    }

    public static FaultRule drop(String method, String pathPattern, int times) {
        return new FaultRule(method, pathPattern, times, 0, null, 0, true, null, null);
    }

    @JsonIgnore
    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod)) && Pattern.matches(pathPattern, path);
    }
}
