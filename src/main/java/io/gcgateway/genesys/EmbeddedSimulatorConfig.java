package io.gcgateway.genesys;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the gateway finds the embedded Genesys simulator, read from the simulator's own settings: the gateway only
 * needs its address and credentials, and knows nothing else of it (the simulator ships in the same jar, but it is a
 * Genesys like any other to the gateway). Defaults are in {@code application.properties}, shared with the simulator.
 */
@ConfigMapping(prefix = "simulator")
public interface EmbeddedSimulatorConfig {

    /** Force the simulator on or off; unset means "on in dev/test without credentials, off in production". */
    Optional<Boolean> enabled();

    /** Base URL the gateway uses to reach the simulator (serves both {@code /oauth/token} and {@code /api/v2}). */
    URI baseUrl();

    /** Client id the simulator's token endpoint accepts. */
    String clientId();

    /** Client secret the simulator's token endpoint accepts. */
    String clientSecret();
}
