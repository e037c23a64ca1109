package io.gcgateway.telemetry;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Without an OTLP endpoint no span leaves the process, so none is recorded: the sampling ratio defaults to 0 (spans
 * still get trace ids, which logs and error responses carry, but cost almost nothing). Recording every span for
 * nothing cost about 10 % of an uncached query's CPU (docs/benchmarks.md). With an endpoint, Quarkus's default (1.0)
 * applies. An explicit {@code quarkus.otel.traces.sampler.arg} always wins: this source sits below every other.
 */
public class UnexportedTracesConfig implements ConfigSourceFactory {
    static final String SAMPLER_ARG = "quarkus.otel.traces.sampler.arg";
    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        for (String endpoint : ENDPOINTS) {
            ConfigValue value = context.getValue(endpoint);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                return List.of();
            }
        }
        return List.of(new PropertiesConfigSource(Map.of(SAMPLER_ARG, "0.0"), "gateway: no OTLP endpoint, spans not recorded", 1));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(1);
    }
}
