package io.gcgateway.gateway;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Automatic persisted queries (the Apollo protocol), stored in Redis so that every replica knows a document any of
 * them was sent: a client sends {@code extensions.persistedQuery.sha256Hash} instead of the document, and repeats
 * once with the document when the hash is unknown.
 */
@ApplicationScoped
class PersistedQueries {
    static final String PREFIX = "gateway:apq:v1:";
    private static final Duration KEEP = Duration.ofDays(7);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);

    private final ReactiveRedisDataSource redis;
    private final StateStatus status;

    PersistedQueries(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, StateStatus status) {
        this.redis = redis;
        this.status = status;
    }

    /** Keeps {@code document} under its (checked) hash; in the background, and never fails the request. */
    void store(String sha256, String document) {
        status.guarded(REDIS_TIMEOUT, () -> redis.execute("SET", PREFIX + sha256, document, "EX",
                String.valueOf(KEEP.toSeconds())))
                .subscribe().with(ok -> {
                }, failure -> LOG.debugf("Persisted query not stored: %s", failure.toString()));
    }

    /** The document stored under {@code sha256}; null when there is none or Redis cannot say. */
    Uni<String> find(String sha256) {
        return status.guarded(REDIS_TIMEOUT, () -> redis.execute("GET", PREFIX + sha256))
                .map(stored -> stored == null ? null : stored.toString())
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Persisted query lookup failed: %s", failure.toString());
                    return null;
                });
    }
}
