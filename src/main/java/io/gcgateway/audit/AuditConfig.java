package io.gcgateway.audit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** The gateway's own audit log. */
@ConfigMapping(prefix = "gateway.audit")
public interface AuditConfig {

    /** Approximate number of events kept in the Redis stream (older ones are trimmed). */
    @WithDefault("100000")
    @Min(100)
    long streamMaxLength();

    /** Budget of each Redis operation of the audit log. */
    @WithDefault("500ms")
    Duration redisTimeout();
}
