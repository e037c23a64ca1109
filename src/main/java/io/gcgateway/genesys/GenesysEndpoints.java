package io.gcgateway.genesys;

import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where and as whom the gateway calls Genesys, resolved once at start-up.
 * <p>
 * Explicit URLs win; otherwise the region derives them; otherwise, when the embedded simulator is active (dev and
 * test without credentials, or {@code simulator.enabled=true}), the simulator's own URL and credentials are used.
 * A production start without credentials fails here with one line naming the variables to set.
 */
@Startup
@ApplicationScoped
public class GenesysEndpoints {
    /**
     * Qualifies a {@code BooleanSupplier}: whether the gateway talks to the embedded simulator. The simulator serves
     * exactly then, and learns it through this JDK type so that it depends on nothing of the gateway's.
     */
    public static final String SIMULATED = "genesys-simulated";
    /**
     * Qualifies a {@code String}: {@link #upstreamIdentity()}, for the Redis plumbing ({@code cache}), which keys
     * claims by org without depending on the Genesys package that depends on it.
     */
    public static final String ORG = "genesys-org";

    private final URI apiUrl;
    private final URI loginUrl;
    private final String clientId;
    private final String clientSecret;
    private final boolean simulated;
    private final String region;

    GenesysEndpoints(GenesysConfig config, EmbeddedSimulatorConfig simulator) {
        boolean hasCredentials = config.clientId().isPresent() && config.clientSecret().isPresent();
        this.simulated = simulator.enabled().orElse(LaunchMode.current() != LaunchMode.NORMAL && !hasCredentials);
        if (!hasCredentials && !simulated) {
            throw new IllegalStateException("Genesys credentials are missing: set GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET"
                    + " (or SIMULATOR_ENABLED=true to run against the embedded simulator)");
        }
        this.clientId = config.clientId().filter(id -> !simulated || hasCredentials).orElse(simulator.clientId());
        this.clientSecret = config.clientSecret().filter(s -> !simulated || hasCredentials).orElse(simulator.clientSecret());
        this.apiUrl = resolve(config.apiUrl(), "api", config, simulator);
        this.loginUrl = resolve(config.loginUrl(), "login", config, simulator);
        this.region = config.region().orElseGet(() -> simulated ? "simulator" : apiUrl.getHost());
    }

    private URI resolve(Optional<URI> explicit, String hostPrefix, GenesysConfig config, EmbeddedSimulatorConfig simulator) {
        if (explicit.isPresent()) {
            return explicit.get();
        }
        if (simulated) {
            return simulator.baseUrl();
        }
        return config.region().map(r -> URI.create("https://" + hostPrefix + "." + r))
                .orElseThrow(() -> new IllegalStateException("Genesys region is missing: set GENESYS_REGION"
                        + " (e.g. mypurecloud.com) or GENESYS_API_URL and GENESYS_LOGIN_URL"));
    }

    @Produces
    @Singleton
    @Identifier(ORG)
    String org() {
        return upstreamIdentity();
    }

    @Produces
    @Singleton
    @Identifier(SIMULATED)
    BooleanSupplier simulatedFlag() {
        return this::simulated;
    }

    /** Platform API base URL, without {@code /api/v2}. */
    public URI apiUrl() {
        return apiUrl;
    }

    /** Login base URL; the token endpoint is {@code /oauth/token} below it. */
    public URI loginUrl() {
        return loginUrl;
    }

    String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    /**
     * Which Genesys org the gateway works on, as a string for keys in the shared Redis: two gateways pointed at
     * different orgs (or regions) never share a cache entry, a lock or an idempotency key.
     */
    public String upstreamIdentity() {
        return apiUrl + "|" + region;
    }

    /** Whether calls go to the embedded simulator rather than a real Genesys org. */
    public boolean simulated() {
        return simulated;
    }

    /** The configured region domain; else {@code simulator}, or the API host when only URLs are configured. */
    public String region() {
        return region;
    }
}
