package io.gcgateway.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * The embedded Genesys simulator: on by default in dev and test when no Genesys credentials are configured, off in
 * production unless {@code simulator.enabled=true} (e.g. to run the simulator on its own for a benchmark).
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Force the simulator on or off; unset means "on in dev/test without credentials, off in production". */
    Optional<Boolean> enabled();

    /** Base URL the gateway uses to reach the simulator (serves both {@code /oauth/token} and {@code /api/v2}). */
    URI baseUrl();

    /** Client id the simulator's token endpoint accepts (default in {@code application.properties}). */
    String clientId();

    /** Client secret the simulator's token endpoint accepts (default in {@code application.properties}). */
    String clientSecret();

    /** Lifetime of issued access tokens ({@code expires_in}); Genesys's default is 24 h. */
    @WithDefault("24h")
    Duration tokenLifetime();

    /** Requests per minute per access token before 429 (Genesys: 300 for client credentials). */
    @WithDefault("300")
    @Min(1)
    int rateLimitPerMinute();

    /** Seed of the deterministic data set. */
    @WithDefault("20240513")
    long seed();

    /** How long a conversation command (answered 202) takes to take effect, as Genesys applies them asynchronously. */
    @WithDefault("150ms")
    Duration conversationCommandDelay();

    /** Interval of the {@code channel.metadata} heartbeat on notification websockets (Genesys: about 30 s). */
    @WithDefault("30s")
    Duration notificationHeartbeat();

    /**
     * Simulated callers: one new call this often, offered to an idle member of a random queue, answered, ended and
     * wrapped up a few seconds later, so live state moves (dashboards, subscriptions). Unset: no simulated callers
     * (tests create the calls they need). {@code %dev} sets it.
     */
    Optional<Duration> liveTraffic();

    /** Lifetime of a notification channel ({@code expires}); Genesys's is about 24 h. */
    @WithDefault("24h")
    Duration notificationChannelLifetime();
}
