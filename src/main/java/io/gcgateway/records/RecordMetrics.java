package io.gcgateway.records;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

/**
 * Record write metrics: {@code gateway_records_writes_seconds} (histogram by operation and outcome),
 * {@code gateway_records_conflicts_total} and {@code gateway_records_validation_failures_total} (by table and rule).
 */
@Singleton
class RecordMetrics {
    private final MeterRegistry registry;

    RecordMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void write(String operation, String outcome, long nanos) {
        Timer.builder("gateway.records.writes")
                .description("Record writes through the gateway, from request to outcome")
                .tag("operation", operation).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if ("VERSION_CONFLICT".equals(outcome)) {
            Counter.builder("gateway.records.conflicts").description("Record writes refused by the optimistic lock")
                    .tag("operation", operation).register(registry).increment();
        }
    }

    /** {@code rule}: {@code schema}, {@code unknown-column}, {@code <column>.<kind>} or a configured check's name. */
    void validationFailure(String table, String rule) {
        Counter.builder("gateway.records.validation.failures").description("Record writes refused by a validation rule")
                .tag("table", table).tag("rule", rule).register(registry).increment();
    }
}
