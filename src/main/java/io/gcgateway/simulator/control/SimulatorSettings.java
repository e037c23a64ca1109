package io.gcgateway.simulator.control;

import java.time.Duration;

import io.gcgateway.simulator.SimulatorConfig;
import jakarta.inject.Singleton;

/** Settings a running simulator can change (tests tighten them, benchmarks loosen them); reset restores config. */
@Singleton
public class SimulatorSettings {

    private final SimulatorConfig config;
    private volatile int rateLimitPerMinute;
    private volatile Duration tokenLifetime;
    private volatile Duration conversationCommandDelay;

    SimulatorSettings(SimulatorConfig config) {
        this.config = config;
        reset();
    }

    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void rateLimitPerMinute(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("rateLimitPerMinute must be >= 1");
        }
        this.rateLimitPerMinute = perMinute;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive");
        }
        this.tokenLifetime = lifetime;
    }

    /** How long a conversation command (answered 202) takes to take effect. */
    public Duration conversationCommandDelay() {
        return conversationCommandDelay;
    }

    public void conversationCommandDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("conversationCommandDelay must not be negative");
        }
        this.conversationCommandDelay = delay;
    }

    public void reset() {
        this.rateLimitPerMinute = config.rateLimitPerMinute();
        this.tokenLifetime = config.tokenLifetime();
        this.conversationCommandDelay = config.conversationCommandDelay();
    }
}
