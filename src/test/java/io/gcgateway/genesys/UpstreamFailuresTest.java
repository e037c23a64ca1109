package io.gcgateway.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import io.gcgateway.errors.GatewayException;
import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.ProcessingException;

/** What may be retried, what trips a breaker, and what each failure becomes for the client. */
class UpstreamFailuresTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    @Test
    void idempotentCallsRetryTransientFailuresOnly() {
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(503, null), MAX_WAIT)).isTrue();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(502, null), MAX_WAIT)).isTrue();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(504, null), MAX_WAIT)).isTrue();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(429, 2L), MAX_WAIT)).isTrue();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(429, 60L), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenIdempotent(new ProcessingException(new HttpClosedException("closed")), MAX_WAIT))
                .isTrue();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(500, null), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenIdempotent(status(404, null), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenIdempotent(new TimeoutException(), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenIdempotent(new CircuitBreakerOpenException(), MAX_WAIT)).isFalse();
    }

    @Test
    void nonIdempotentCallsRetryOnlyWhenGenesysCannotHaveActed() {
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(status(429, 1L), MAX_WAIT)).isTrue();
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(new ProcessingException(new ConnectException("refused")), MAX_WAIT))
                .isTrue();
        // The request may have reached Genesys: never repeat it.
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(status(503, null), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(status(504, null), MAX_WAIT)).isFalse();
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(new ProcessingException(new HttpClosedException("closed")), MAX_WAIT))
                .isFalse();
        assertThat(UpstreamFailures.retryableWhenNotIdempotent(new TimeoutException(), MAX_WAIT)).isFalse();
    }

    @Test
    void onlyServerSideTroubleTripsTheBreaker() {
        assertThat(UpstreamFailures.countsAsCircuitFailure(status(503, null))).isTrue();
        assertThat(UpstreamFailures.countsAsCircuitFailure(new TimeoutException())).isTrue();
        assertThat(UpstreamFailures.countsAsCircuitFailure(new ConnectException())).isTrue();
        assertThat(UpstreamFailures.countsAsCircuitFailure(status(404, null))).isFalse();
        assertThat(UpstreamFailures.countsAsCircuitFailure(status(429, 1L))).isFalse();
        assertThat(UpstreamFailures.countsAsCircuitFailure(status(400, null))).isFalse();
    }

    @Test
    void translationKeepsContextIdAndFieldDetails() {
        GenesysErrorBody body = new GenesysErrorBody("Field 'vip' must be a boolean", "flows.datatables.syntax.error", 400,
                "ctx-1", Map.of(), List.of(new GenesysErrorBody.Detail("TYPE", "vip", null, null)), List.of());
        GatewayException e = UpstreamFailures.translate("test", new GenesysApiException(400, body, null, "corr-1"));
        assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(e.contextId()).isEqualTo("ctx-1");
        assertThat(e.getMessage()).isEqualTo("Field 'vip' must be a boolean");
        assertThat(e.getExtensions().get("fieldErrors").toString()).contains("\"path\":\"vip\"");

        assertThat(UpstreamFailures.translate("test", status(409, null)).code()).isEqualTo("VERSION_CONFLICT");
        assertThat(UpstreamFailures.translate("test", status(403, null)).code()).isEqualTo("FORBIDDEN");
        assertThat(UpstreamFailures.translate("test", status(504, null)).code()).isEqualTo("UPSTREAM_TIMEOUT");
        assertThat(UpstreamFailures.translate("test", status(429, 7L)).getExtensions().get("retryAfterSeconds").toString())
                .isEqualTo("7");
        assertThat(UpstreamFailures.translate("test", new IllegalStateException("http://10.0.0.1:443 secret")).getMessage())
                .isEqualTo("The call to Genesys failed");
    }

    @Test
    void retryAfterHeaderAcceptsSecondsAndHttpDates() {
        assertThat(GenesysErrorMapper.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(GenesysErrorMapper.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(GenesysErrorMapper.retryAfter("soon")).isNull();
        assertThat(GenesysErrorMapper.retryAfter(null)).isNull();
    }

    private static GenesysApiException status(int status, Long retryAfterSeconds) {
        return new GenesysApiException(status, GenesysErrorBody.empty(),
                retryAfterSeconds == null ? null : Duration.ofSeconds(retryAfterSeconds), "corr");
    }
}
