package io.gcgateway.webhooks;

import java.time.Duration;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisRoles;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Moves the webhook keys of earlier versions ({@code gateway:webhooks:v1:*}) to their Redis Cluster-ready names
 * ({@code gateway:webhooks:v2:{webhooks}:*}) at start-up, so an upgrade keeps every registration, pending delivery and
 * delivery record. The registry and name hashes are merged field by field (a replica of the new version may already
 * have written the new ones); other keys are moved only when their new name is free ({@code RENAMENX}). On a
 * cluster, where the old names never worked together, there is nothing to move. A second replica finds nothing left.
 */
@ApplicationScoped
class WebhookKeysMigration {
    private static final String OLD = "gateway:webhooks:v1:";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(WebhookKeysMigration.class);
    /** KEYS: old hash, new hash. Copies the fields the new hash lacks, then drops the old one. */
    private static final String MERGE_HASH = """
            local fields = redis.call('HGETALL', KEYS[1])
            for i = 1, #fields, 2 do redis.call('HSETNX', KEYS[2], fields[i], fields[i + 1]) end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    private final ReactiveRedisDataSource redis;

    WebhookKeysMigration(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void migrate(@Observes StartupEvent event) {
        redis.key().scan(new KeyScanArgs().match(OLD + "*").count(1000)).toMulti()
                .onItem().transformToUniAndConcatenate(this::move)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .ifNoItem().after(TIMEOUT).fail()
                .subscribe().with(moved -> {
                    if (moved > 0) {
                        LOG.infof("Moved %d webhook keys to their Redis Cluster-ready names", moved);
                    }
                }, failure -> LOG.warnf("Webhook keys of an earlier version were not moved (%s); they stay under %s*",
                        failure.getClass().getSimpleName(), OLD));
    }

    private Uni<Integer> move(String oldKey) {
        String newKey = WebhookOutbox.KEYS + oldKey.substring(OLD.length());
        return redis.execute("TYPE", oldKey)
                .flatMap(type -> "hash".equals(String.valueOf(type)) ? redis.execute("EVAL", MERGE_HASH, "2", oldKey, newKey)
                        : redis.execute("RENAMENX", oldKey, newKey))
                .map(reply -> reply != null && reply.toInteger() == 1 ? 1 : 0)
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Webhook key not moved: %s", failure.toString());
                    return 0;
                });
    }
}
