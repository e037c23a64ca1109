package io.gcgateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Who may call the gateway. Clients authenticate with an API key ({@link #apiKeyHeader()}) or a bearer JWT verified
 * by SmallRye JWT ({@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.publickey.location}, roles in {@code groups}).
 */
@ConfigMapping(prefix = "gateway.security")
public interface SecurityConfig {

    /** Off only for local development (the dev profile); production refuses to start without a credential source. */
    @WithDefault("true")
    boolean enabled();

    /** Header carrying an API key. */
    @WithDefault("X-API-Key")
    String apiKeyHeader();

    /** API keys by client name. Only salted hashes are configured, never the keys. */
    Map<String, ApiKey> apiKeys();

    /** Per-client rate limit (a token bucket per caller, in Redis). */
    RateLimit rateLimit();

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained operations per second per client. */
        @WithDefault("20")
        @Positive
        double perSecond();

        /** Operations a client may make at once before the sustained rate applies. */
        @WithDefault("100")
        @Min(1)
        int burst();

        /** Budget of the Redis call; slower means "not enforced" for that call. */
        @WithDefault("200ms")
        Duration redisTimeout();

        /**
         * Most tokens a replica takes from a client's bucket in one Redis call and spends locally within
         * {@code lease-lifetime}: busy clients then cost one Redis call per lease, not per operation. The lease is
         * also at most a tenth of the sustained rate and of the burst, so small limits stay exact. Tokens are taken
         * from the shared bucket before they are spent, so leasing never admits more than the limit; a lease that
         * expires unspent is lost. 1 means one Redis call per operation.
         */
        @WithDefault("100")
        @Min(1)
        int maxLease();

        /** How long leased tokens may be spent. */
        @WithDefault("1s")
        Duration leaseLifetime();
    }

    interface ApiKey {
        /** {@code <salt hex>:<sha256 hex of salt hex + key>}, e.g. from the one-liner in docs/security.md. */
        @Pattern(regexp = "^[0-9a-fA-F]{16,}:[0-9a-fA-F]{64}$", message = "must be <salt hex>:<sha256 hex>")
        String hash();

        /** {@code reader}, {@code operator} or {@code admin} (each includes the ones below it). */
        @NotEmpty
        List<@Pattern(regexp = "(?i)reader|operator|admin", message = "must be reader, operator or admin") String> roles();
    }
}
