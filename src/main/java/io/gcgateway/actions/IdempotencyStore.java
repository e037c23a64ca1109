package io.gcgateway.actions;

import java.time.Duration;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.cache.CanonicalJson;
import io.gcgateway.cache.RedisKeys;
import io.gcgateway.cache.RedisLocks;
import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.RequestInProgressException;
import io.gcgateway.errors.UpstreamTimeoutException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.genesys.GenesysEndpoints;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * At-most-once execution per idempotency key, across gateway replicas, in Redis.
 * <p>
 * A key is claimed with {@code SET NX} ({@code pending}) before executing, and then holds the outcome for the
 * window: {@code done} with the result, or {@code unknown} when the execution timed out and may have run (a repeat
 * then gets the same UPSTREAM_TIMEOUT instead of running the action a second time). A definite failure (nothing
 * ran) releases the key so the client can simply retry. A repeat while the first is still running waits for it.
 * <p>
 * A key belongs to its caller: the same key sent by another caller is another key (it never replays someone else's
 * result). Each key is bound to its action and input (a fingerprint): reusing a key for something else is an error. When
 * Redis is unavailable the execution goes ahead without the guarantee (the gateway's fail-open rule), and the result
 * says so ({@code idempotency: UNAVAILABLE}).
 */
@ApplicationScoped
class IdempotencyStore {
    static final String PREFIX = "gateway:actions:idempotency:v1:";
    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** The outcome of claiming a key. {@code replayed} is the stored result when the key was already done. */
    record Claim(Kind kind, String redisKey, String pendingValue, JsonNode replayed) {
        enum Kind {
            FIRST, REPLAY, UNAVAILABLE
        }
    }

    private final ReactiveRedisDataSource redis;
    private final ActionsConfig.Idempotency config;
    private final ObjectMapper mapper;
    private final StateStatus status;
    private final RedisLocks locks;
    private final String upstreamIdentity;
    private final Counter replays;
    private final Counter unavailable;

    IdempotencyStore(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, ActionsConfig config,
            ObjectMapper mapper, StateStatus status,
            GenesysEndpoints endpoints, RedisLocks locks, MeterRegistry registry) {
        this.locks = locks;
        this.redis = redis;
        this.config = config.idempotency();
        this.mapper = mapper;
        this.status = status;
        this.upstreamIdentity = endpoints.upstreamIdentity();
        this.replays = Counter.builder("gateway.actions.idempotency.replays")
                .description("Executions answered from an idempotency key's stored result instead of running again")
                .register(registry);
        this.unavailable = Counter.builder("gateway.actions.idempotency.unavailable")
                .description("Executions with an idempotency key that ran without the guarantee because Redis was down")
                .register(registry);
    }

    /** Claims {@code idempotencyKey} of {@code caller} (the audit actor: the API client or the JWT subject). */
    Uni<Claim> claim(String caller, String actionId, String idempotencyKey, JsonNode input) {
        String redisKey = PREFIX + RedisKeys.sha256(upstreamIdentity + "|" + caller.length() + ":" + caller + "|" + actionId
                + "|" + idempotencyKey);
        String fingerprint = RedisKeys.sha256(actionId + "|" + CanonicalJson.of(input));
        String pending = record("pending", fingerprint, null).toString();
        long deadline = System.nanoTime() + config.waitForFirst().toNanos();
        return attempt(redisKey, fingerprint, pending, deadline);
    }

    private Uni<Claim> attempt(String redisKey, String fingerprint, String pending, long deadlineNanos) {
        // Watched before looking: the first execution's outcome, stored between the look and the wait, is not missed.
        RedisLocks.Watch outcome = locks.watch(redisKey);
        return redisCall(redis.execute("SET", redisKey, pending, "NX", "PX", String.valueOf(config.window().toMillis())))
                .flatMap(reply -> reply != null
                        ? Uni.createFrom().item(new Claim(Claim.Kind.FIRST, redisKey, pending, null))
                        : redisCall(redis.value(String.class).get(redisKey))
                                .flatMap(stored -> existing(redisKey, fingerprint, pending, stored, deadlineNanos, outcome)))
                .onTermination().invoke(outcome::close)
                .onFailure(this::isRedisFailure).recoverWithItem(failure -> {
                    LOG.debugf("Idempotency store unavailable: %s", failure.toString());
                    return unavailable(redisKey);
                });
    }

    private Uni<Claim> existing(String redisKey, String fingerprint, String pending, String stored, long deadlineNanos,
            RedisLocks.Watch outcome) {
        if (stored == null) {
            // The first execution failed definitely and released the key between our SET and GET: claim it again.
            return attempt(redisKey, fingerprint, pending, deadlineNanos);
        }
        JsonNode entry = parse(stored);
        if (!fingerprint.equals(entry.path("fingerprint").asText())) {
            return Uni.createFrom().failure(ValidationFailedException.of("idempotencyKey",
                    "was already used with a different action or input; use a new key for a different execution"));
        }
        switch (entry.path("state").asText()) {
            case "done" -> {
                replays.increment();
                return Uni.createFrom().item(new Claim(Claim.Kind.REPLAY, redisKey, null, entry.path("result")));
            }
            case "unknown" -> {
                return Uni.createFrom().failure(UpstreamTimeoutException.mayHaveRun(
                        "The first execution with this idempotencyKey timed out and may have run; it is not repeated. "
                                + "Use a new key to run the action again.", null));
            }
            default -> {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return Uni.createFrom().failure(new RequestInProgressException(
                            "An execution with this idempotencyKey is still running", 1));
                }
                return outcome.await(Duration.ofNanos(left))
                        .flatMap(ignored -> attempt(redisKey, fingerprint, pending, deadlineNanos));
            }
        }
    }

    /** Stores the result of the claimed execution for the rest of the window. */
    Uni<Void> complete(Claim claim, JsonNode result) {
        return overwrite(claim, "done", result);
    }

    /** The claimed execution may have run: repeats must not run it again, nor pretend it succeeded. */
    Uni<Void> outcomeUnknown(Claim claim) {
        return overwrite(claim, "unknown", null);
    }

    /** Nothing ran: frees the key for a retry (only if it is still this execution's pending claim). */
    Uni<Void> release(Claim claim) {
        if (claim.kind() != Claim.Kind.FIRST) {
            return Uni.createFrom().voidItem();
        }
        return redisCall(locks.release(claim.redisKey(), claim.pendingValue()))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    private Uni<Void> overwrite(Claim claim, String state, JsonNode result) {
        if (claim.kind() != Claim.Kind.FIRST) {
            return Uni.createFrom().voidItem();
        }
        String fingerprint = parse(claim.pendingValue()).path("fingerprint").asText();
        String value = record(state, fingerprint, result).toString();
        // KEEPTTL: the window runs from the first execution, not from its completion.
        return redisCall(redis.execute("SET", claim.redisKey(), value, "XX", "KEEPTTL"))
                .call(() -> locks.announce(claim.redisKey()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not record the outcome of an idempotent execution: %s", failure.toString());
                    return null;
                });
    }

    private Claim unavailable(String redisKey) {
        unavailable.increment();
        return new Claim(Claim.Kind.UNAVAILABLE, redisKey, null, null);
    }

    private <T> Uni<T> redisCall(Uni<T> call) {
        return status.guarded(config.redisTimeout(), () -> call);
    }

    private boolean isRedisFailure(Throwable failure) {
        return !(failure instanceof GatewayException);
    }

    private ObjectNode record(String state, String fingerprint, JsonNode result) {
        ObjectNode node = mapper.createObjectNode();
        node.put("state", state);
        node.put("fingerprint", fingerprint);
        if (result != null) {
            node.set("result", result);
        }
        return node;
    }

    private JsonNode parse(String stored) {
        try {
            return mapper.readTree(stored);
        } catch (JsonProcessingException e) {
            return mapper.createObjectNode();
        }
    }
}
