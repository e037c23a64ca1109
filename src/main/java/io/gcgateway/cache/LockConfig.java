package io.gcgateway.cache;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** Configuration of one kind of {@link RedisLocks} lock (a config group: {@code records.lock}, {@code conversations.lock}). */
public interface LockConfig {

    /** Lease of the lock; longer than one read-check-write round trip to Genesys. */
    @WithDefault("15s")
    Duration lease();

    /** How long a change waits for another change of the same thing before answering IN_PROGRESS. */
    @WithDefault("5s")
    Duration maxWait();

    /** Budget of each Redis operation of the lock. */
    @WithDefault("500ms")
    Duration redisTimeout();

    /** These settings for a lock named {@code name} on a {@code subject}; {@code unavailable} says what was not done. */
    default RedisLocks.Settings settings(String name, String subject, String unavailable) {
        return new RedisLocks.Settings(name, subject, lease(), maxWait(), redisTimeout(), unavailable);
    }
}
