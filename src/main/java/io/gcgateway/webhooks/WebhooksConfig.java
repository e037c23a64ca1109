package io.gcgateway.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Outbound webhooks: delivery, retries, dead-lettering and which target addresses are allowed. */
@ConfigMapping(prefix = "webhooks")
public interface WebhooksConfig {

    /**
     * Whether this process delivers webhooks. Every replica does by default (they share the outbox); turn it off for
     * a process that shares the Redis but must not deliver (e.g. a simulator run on its own).
     */
    @WithDefault("true")
    boolean deliver();

    /** AES-256 key (base64 of 32 random bytes) that encrypts webhook secrets in Redis; unset: stored as given. */
    Optional<String> secretKey();

    /**
     * Earlier values of {@code secret-key}, only for opening secrets sealed before a rotation (new secrets are always
     * sealed with {@code secret-key}). Keep an old key here until every webhook registered under it has been
     * registered again or deleted.
     */
    Optional<List<String>> previousSecretKeys();

    /** Most webhooks that can be registered. */
    @WithDefault("100")
    @Min(1)
    @Max(1000)
    int maxWebhooks();

    /** Attempts per delivery before it is dead-lettered. */
    @WithDefault("8")
    @Min(1)
    @Max(50)
    int maxAttempts();

    /** Budget of one delivery attempt (connect, send, answer). */
    @WithDefault("10s")
    Duration timeout();

    /** Backoff between attempts: doubles from the initial delay up to the maximum, with jitter. */
    Retry retry();

    /**
     * Private networks (CIDR) that targets may resolve to. Loopback, private, link-local and other non-public
     * addresses are refused at delivery unless listed here (e.g. {@code 10.0.0.0/8} for an in-cluster receiver).
     */
    Optional<List<String>> allowedPrivateNetworks();

    /** How often each replica looks for deliveries to make. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** A delivery taken by a replica that stopped is taken over after it has been pending this long. */
    @WithDefault("60s")
    Duration claimIdle();

    /** How long delivery records (and the de-duplication of relayed events) are kept. */
    @WithDefault("7d")
    Duration retention();

    /** Deliveries listed per webhook in webhookDeliveries (the oldest beyond are dropped from the list). */
    @WithDefault("10000")
    @Min(10)
    int maxListedDeliveries();

    /** Budget of each Redis operation. */
    @WithDefault("1s")
    Duration redisTimeout();

    interface Retry {
        @WithDefault("1s")
        Duration initialDelay();

        @WithDefault("5m")
        Duration maxDelay();
    }
}
