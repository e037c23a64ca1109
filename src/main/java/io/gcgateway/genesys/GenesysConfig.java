package io.gcgateway.genesys;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** How the gateway reaches Genesys Cloud: region, credentials and the policy applied to every upstream call. */
@ConfigMapping(prefix = "genesys")
public interface GenesysConfig {

    /**
     * Region domain of the Genesys org, e.g. {@code mypurecloud.com}, {@code mypurecloud.ie}, {@code usw2.pure.cloud}.
     * Derives {@code https://api.<region>} and {@code https://login.<region>}.
     */
    Optional<@Pattern(regexp = "^[a-z0-9-]+(\\.[a-z0-9-]+)+$", message = "must be a region domain such as mypurecloud.com") String> region();

    /** Explicit Platform API base URL; overrides the one derived from {@link #region()}. */
    Optional<URI> apiUrl();

    /** Explicit login (OAuth) base URL; overrides the one derived from {@link #region()}. */
    Optional<URI> loginUrl();

    /** OAuth client-credentials client id ({@code GENESYS_CLIENT_ID}). */
    Optional<String> clientId();

    /** OAuth client-credentials secret ({@code GENESYS_CLIENT_SECRET}). Never logged. */
    Optional<String> clientSecret();

    /** Access-token caching. */
    Token token();

    /** Timeouts, retries and circuit breaking applied to every Genesys call. */
    Upstream upstream();

    /** The request budget the gateway keeps with Genesys, shared by every replica. */
    Budget budget();

    interface Token {
        /** A token is refreshed once less than max(this, {@link #refreshFraction()} of its lifetime) remains. */
        @WithDefault("60s")
        Duration refreshMargin();

        /** Fraction of the token lifetime kept as refresh margin when that is larger than {@link #refreshMargin()}. */
        @WithDefault("0.1")
        @DecimalMin("0.0")
        @DecimalMax("0.5")
        double refreshFraction();
    }

    interface Upstream {
        /** Time budget of one upstream attempt (connect + response). */
        @WithDefault("10s")
        Duration timeout();

        /** TCP connect timeout. */
        @WithDefault("3s")
        Duration connectTimeout();

        /** Retry policy. */
        Retry retry();

        /** Circuit breaker, one per upstream API area. */
        CircuitBreaker circuitBreaker();
    }

    interface Retry {
        /** Retries after the first attempt. */
        @WithDefault("3")
        @Min(0)
        @Max(10)
        int maxRetries();

        /** First backoff delay; doubles per retry, each wait drawn between half and all of it. */
        @WithDefault("200ms")
        Duration initialDelay();

        /** Largest backoff delay between two attempts. */
        @WithDefault("2s")
        Duration maxDelay();

        /** Total deadline for a call including all attempts and waits; no retry is started past it. */
        @WithDefault("20s")
        Duration deadline();

        /** Longest {@code Retry-After} the gateway is willing to wait; a longer one is returned as RATE_LIMITED. */
        @WithDefault("10s")
        Duration maxRetryAfter();
    }

    interface CircuitBreaker {
        /** Number of recent attempts the failure ratio is computed over. */
        @WithDefault("20")
        @Min(1)
        int requestVolumeThreshold();

        /** Failure ratio at which the circuit opens. */
        @WithDefault("0.5")
        @DecimalMin("0.01")
        @DecimalMax("1.0")
        double failureRatio();

        /** How long the circuit stays open before letting a trial call through. */
        @WithDefault("10s")
        Duration delay();
    }

    interface Budget {
        /** Enforce the budget (off: every call goes to Genesys, and only its 429s slow the gateway down). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Requests per minute per OAuth client until Genesys says otherwise in {@code inin-ratelimit-allowed}
         * (documented: 300 for a client-credentials token, raisable by Genesys support).
         */
        @WithDefault("300")
        @Min(1)
        int requestsPerMinute();

        /** Share of each minute's budget kept for interactive queries: background calls stop when only this is left. */
        @WithDefault("0.2")
        @DecimalMin("0")
        @DecimalMax("0.9")
        double interactiveReserve();

        /**
         * Calls that may go at once; beyond them the minute's budget is spread evenly over the minute (a pacing
         * bucket), so clients are served all minute long rather than for its first seconds only. 30 lets a
         * dashboard's first view go at once.
         */
        @WithDefault("30")
        @Min(1)
        int burst();

        /** Calls a replica takes from the shared budget per Redis round trip (spent locally within a second). */
        @WithDefault("5")
        @Min(1)
        int lease();

        /**
         * How long a call waits for budget before answering RATE_LIMITED (longer waits answer at once). The wait is
         * part of the call's attempt, so keep it below {@code genesys.upstream.timeout}.
         */
        @WithDefault("2s")
        Duration maxWait();

        /** Budget of each Redis operation of the budget; past it, this replica counts on its own share. */
        @WithDefault("300ms")
        Duration redisTimeout();
    }
}
