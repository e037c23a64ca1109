package io.gcgateway.simulator;

import io.gcgateway.genesys.GenesysEndpoints;
import jakarta.inject.Singleton;

/** Whether the simulator serves requests in this run: exactly when the gateway itself is pointed at it. */
@Singleton
public class SimulatorMode {

    private final boolean enabled;

    SimulatorMode(GenesysEndpoints endpoints) {
        this.enabled = endpoints.simulated();
    }

    public boolean enabled() {
        return enabled;
    }
}
