package io.gcgateway.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Singleton;

/** Deterministic ids and random streams derived from the configured seed: same seed, same data set. */
@Singleton
public class SeededIds {

    private final long seed;

    SeededIds(SimulatorConfig config) {
        this.seed = config.seed();
    }

    /** A stable UUID for the {@code n}-th entity of a kind (e.g. {@code uuid("queue", 3)}). */
    public String uuid(String kind, int n) {
        return UUID.nameUUIDFromBytes((seed + ":" + kind + ":" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A random stream of its own per purpose, so that adding one data set does not shift another. */
    public Random random(String purpose) {
        return new Random(seed * 31 + purpose.hashCode());
    }
}
