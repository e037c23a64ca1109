package io.gcgateway.genesys;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Turns every Genesys HTTP error into one {@link GenesysApiException}: the error body (when it is JSON),
 * {@code Retry-After} (seconds or an HTTP date) and {@code ININ-Correlation-Id}.
 */
final class GenesysErrorMapper implements ResponseExceptionMapper<GenesysApiException> {
    static final String CORRELATION_HEADER = "ININ-Correlation-Id";

    @Override
    public GenesysApiException toThrowable(Response response) {
        return new GenesysApiException(response.getStatus(), readBody(response),
                retryAfter(response.getHeaderString("Retry-After")), response.getHeaderString(CORRELATION_HEADER));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static GenesysErrorBody readBody(Response response) {
        MediaType type = response.getMediaType();
        if (!response.hasEntity() || type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return GenesysErrorBody.empty();
        }
        try {
            GenesysErrorBody body = response.readEntity(GenesysErrorBody.class);
            return body != null ? body : GenesysErrorBody.empty();
        } catch (RuntimeException unreadable) {
            return GenesysErrorBody.empty();
        }
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }
}
