package io.gcgateway.telemetry;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Traces leave the process only when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} or the {@code traces} variants). Quarkus otherwise sends them to
 * {@code localhost:4317} and warns on every batch; it does not when any other {@code SpanExporter} bean exists, so
 * without an endpoint this one, which drops spans, stands in. Spans are still made: their trace ids are in the logs
 * and in error responses.
 */
@ApplicationScoped
class TraceExport {
    @Produces
    @Singleton
    @LookupIfProperty(name = "telemetry.otlp-endpoint", stringValue = "none")
    SpanExporter dropSpansWithoutAnEndpoint() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
