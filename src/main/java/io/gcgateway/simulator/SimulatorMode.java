package io.gcgateway.simulator;

import java.util.function.BooleanSupplier;

import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Singleton;

/** Whether the simulator serves requests in this run: exactly when the gateway itself is pointed at it. */
@Singleton
public class SimulatorMode {

    private final boolean enabled;

    /** {@code genesys-simulated}: produced by the gateway's Genesys endpoints, the one place that decides. */
    SimulatorMode(@Identifier("genesys-simulated") BooleanSupplier simulated) {
        this.enabled = simulated.getAsBoolean();
    }

    public boolean enabled() {
        return enabled;
    }
}
