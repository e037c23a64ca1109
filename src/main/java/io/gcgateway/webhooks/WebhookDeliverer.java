package io.gcgateway.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.webhooks.TargetAddressPolicy.RefusedTargetException;
import io.gcgateway.webhooks.WebhookTypes.StoredWebhook;
import io.gcgateway.webhooks.WebhookTypes.WebhookDelivery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Works the webhook outbox on every replica, through one Redis consumer group: new entries are read as they come,
 * entries a stopped replica had taken are taken over after {@code webhooks.claim-idle}, and failed attempts wait in
 * a retry set (jittered exponential backoff) until they are due. Each attempt POSTs the event, signed, to the address
 * the target resolved to (checked against the address policy); 2xx delivers, anything else is retried until
 * {@code webhooks.max-attempts}, then dead-lettered. A delivery is acknowledged in the same atomic step that records
 * its outcome, so a replica that stops mid-way leaves it to be delivered again: at least once, with a stable event id.
 */
@ApplicationScoped
class WebhookDeliverer {
    static final String GROUP = "deliverers";
    /** Deliveries in flight per replica; a slow receiver holds one of them, never the loop. */
    private static final int MAX_IN_FLIGHT = 32;
    /** Dead letters kept in their stream (oldest trimmed first). */
    private static final long DEAD_LETTERS_KEPT = 10_000;
    private static final String CREATE_GROUP_EXISTS = "BUSYGROUP";
    /** Records the outcome, schedules the retry if any, and acknowledges (and drops) the stream entry, atomically. */
    private static final String SETTLE = "redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL') "
            + "if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5]) end "
            + "redis.call('XACK', KEYS[2], ARGV[3], ARGV[2]) redis.call('XDEL', KEYS[2], ARGV[2]) return 1";
    private static final String MOVE_DUE = "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 100) "
            + "for _, id in ipairs(due) do redis.call('ZREM', KEYS[1], id) "
            + "redis.call('XADD', KEYS[2], '*', '" + WebhookOutbox.DELIVERY_FIELD + "', id) end return #due";
    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);

    private record Entry(String streamId, String deliveryId) {
    }

    private record Outcome(boolean delivered, boolean retryable, Integer statusCode, String error) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final WebhookOutbox outbox;
    private final WebhookRegistry registry;
    private final TargetAddressPolicy policy;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final WebhookSecrets secrets;
    private final String consumer = "gateway-" + UUID.randomUUID();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    /** Stream entries being delivered by this replica. */
    private final Set<String> inFlightIds = ConcurrentHashMap.newKeySet();
    private HttpClient http;
    private volatile boolean running;
    private boolean groupReady;
    private long lastClaimNanos;

    WebhookDeliverer(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, WebhookOutbox outbox, WebhookRegistry registry,
            TargetAddressPolicy policy, WebhooksConfig config, Vertx vertx, MeterRegistry meters, WebhookSecrets secrets) {
        this.secrets = secrets;
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.outbox = outbox;
        this.registry = registry;
        this.policy = policy;
        this.config = config;
        this.vertx = vertx;
        this.meters = meters;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.deliver()) {
            LOG.info("Webhook delivery is off in this process (webhooks.deliver=false)");
            return;
        }
        if (config.claimIdle().compareTo(config.timeout()) <= 0) {
            throw new IllegalStateException("webhooks.claim-idle (" + config.claimIdle() + ") must be longer than "
                    + "webhooks.timeout (" + config.timeout() + "), or deliveries still in flight would be taken over");
        }
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setForceSni(true)
                .setMaxPoolSize(MAX_IN_FLIGHT));
        running = true;
        lastClaimNanos = System.nanoTime();
        outbox.onEnqueued(this::pollSoon);
        schedule(config.pollInterval().toMillis());
    }

    @PreDestroy
    void stop() {
        running = false;
        if (http != null) {
            http.closeAndForget();
        }
    }

    private void pollSoon() {
        if (polling.get()) {
            again.set(true);
        } else {
            schedule(1);
        }
    }

    private void schedule(long delayMs) {
        if (running) {
            vertx.setTimer(Math.max(1, delayMs), ignored -> poll());
        }
    }

    private void poll() {
        if (!running || !polling.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        int room = MAX_IN_FLIGHT - inFlightIds.size();
        if (room <= 0) {
            done(false);
            return;
        }
        ensureGroup()
                .flatMap(ignored -> call(() -> redis.execute("EVAL", MOVE_DUE, "2", WebhookOutbox.RETRIES, WebhookOutbox.OUTBOX,
                        String.valueOf(System.currentTimeMillis()))))
                .flatMap(ignored -> claimStale(room))
                .flatMap(claimed -> claimed.size() >= room ? Uni.createFrom().item(claimed)
                        : call(() -> streams.xreadgroup(GROUP, consumer, WebhookOutbox.OUTBOX, ">",
                                new XReadGroupArgs().count(room - claimed.size())))
                                .map(read -> {
                                    List<Entry> entries = new ArrayList<>(claimed);
                                    entries.addAll(entries(read));
                                    return entries;
                                }))
                .subscribe().with(entries -> {
                    entries.forEach(this::dispatch);
                    done(!entries.isEmpty());
                }, failure -> {
                    // Redis down, or restarted without the group: create it again on the next poll.
                    LOG.debugf("Webhook outbox poll failed: %s", failure.toString());
                    groupReady = false;
                    done(false);
                });
    }

    /** Starts one delivery without waiting for it: the loop goes on reading while receivers answer. */
    private void dispatch(Entry entry) {
        if (!inFlightIds.add(entry.streamId())) {
            return; // already being delivered here (taken over from ourselves after a long attempt)
        }
        // deliver() leaves a failed entry pending (taken over after claim-idle), so a failure here is unexpected.
        deliver(entry).onTermination().invoke(() -> inFlightIds.remove(entry.streamId())).subscribe().with(ignored -> pollSoon(),
                failure -> {
                    meters.counter("gateway.webhooks.deliveries.unexpected.failures").increment();
                    LOG.warnf("A webhook delivery failed unexpectedly: %s", failure.getClass().getSimpleName());
                });
    }

    private void done(boolean busy) {
        polling.set(false);
        schedule(busy || again.getAndSet(false) ? 1 : config.pollInterval().toMillis());
    }

    private Uni<Void> ensureGroup() {
        if (groupReady) {
            return Uni.createFrom().voidItem();
        }
        return call(() -> streams.xgroupCreate(WebhookOutbox.OUTBOX, GROUP, "0", new XGroupCreateArgs().mkstream()))
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains(CREATE_GROUP_EXISTS)).recoverWithNull()
                .invoke(ignored -> groupReady = true)
                .replaceWithVoid();
    }

    /** Entries another (stopped) replica took but never settled, once they have been idle for claim-idle. */
    private Uni<List<Entry>> claimStale(int room) {
        if (System.nanoTime() - lastClaimNanos < config.claimIdle().toNanos() / 2) {
            return Uni.createFrom().item(List.of());
        }
        lastClaimNanos = System.nanoTime();
        return call(() -> streams.xautoclaim(WebhookOutbox.OUTBOX, GROUP, consumer, config.claimIdle(), "0-0", room))
                .map(claimed -> claimed == null ? List.<Entry> of() : entries(claimed.getMessages()))
                .invoke(claimed -> {
                    if (!claimed.isEmpty()) {
                        LOG.infof("Took over %d webhook deliveries left by a stopped replica", claimed.size());
                    }
                });
    }

    private static List<Entry> entries(List<StreamMessage<String, String, String>> messages) {
        List<Entry> entries = new ArrayList<>();
        if (messages == null) {
            return entries;
        }
        for (StreamMessage<String, String, String> message : messages) {
            // A message deleted while pending comes back without fields; there is nothing to deliver.
            String deliveryId = message.payload() == null ? null : message.payload().get(WebhookOutbox.DELIVERY_FIELD);
            if (deliveryId != null) {
                entries.add(new Entry(message.id(), deliveryId));
            }
        }
        return entries;
    }

    private Uni<Void> deliver(Entry entry) {
        return outbox.delivery(entry.deliveryId()).flatMap(stored -> {
            if (stored.unreadable()) {
                return deadLetter(entry, "the delivery record cannot be read by this version of the gateway");
            }
            WebhookDelivery delivery = stored.delivery();
            if (delivery == null) {
                // Its record expired (webhooks.retention) or the webhook's deliveries were deleted with it.
                meters.counter("gateway.webhooks.entries.dropped", "reason", "record-gone").increment();
                LOG.debugf("Webhook outbox entry %s has no delivery record left; dropped", entry.streamId());
                return settle(entry, null, null);
            }
            if ("DELIVERED".equals(delivery.status()) || "DEAD_LETTER".equals(delivery.status())) {
                return settle(entry, delivery, null);
            }
            return registry.get(delivery.webhookId()).flatMap(webhook -> {
                Instant now = Instant.now();
                if (webhook == null) {
                    return settle(entry, delivery.attempted("DISCARDED", now, null, null, null, "The webhook was deleted"), null);
                }
                return attempt(webhook, delivery).flatMap(outcome -> {
                    meters.counter("gateway.webhooks.attempts", "outcome", outcome.delivered() ? "delivered"
                            : outcome.retryable() ? "failed" : "refused").increment();
                    if (outcome.delivered()) {
                        return settle(entry, delivery.attempted("DELIVERED", now, null, now, outcome.statusCode(), null), null);
                    }
                    boolean last = !outcome.retryable() || delivery.attempts() + 1 >= config.maxAttempts();
                    if (last) {
                        meters.counter("gateway.webhooks.dead.letters").increment();
                        return settle(entry, delivery.attempted("DEAD_LETTER", now, null, null, outcome.statusCode(),
                                outcome.error()), null);
                    }
                    long due = System.currentTimeMillis() + backoffMillis(delivery.attempts() + 1);
                    return settle(entry, delivery.attempted("RETRYING", now, Instant.ofEpochMilli(due), null,
                            outcome.statusCode(), outcome.error()), due);
                });
            });
        }).onFailure().recoverWithItem(failure -> {
            // Left pending: taken over again after claim-idle.
            LOG.debugf("A webhook delivery stays pending: %s", failure.toString());
            return null;
        });
    }

    /**
     * An entry that cannot be delivered for a reason of its own goes to the dead-letter stream, with the reason, and
     * leaves the outbox; nothing is dropped without a trace.
     */
    private Uni<Void> deadLetter(Entry entry, String reason) {
        meters.counter("gateway.webhooks.dead.letters").increment();
        LOG.warnf("Webhook delivery %s moved to %s: %s", entry.deliveryId(), WebhookOutbox.DEAD_LETTERS, reason);
        return call(() -> streams.xadd(WebhookOutbox.DEAD_LETTERS, new XAddArgs().maxlen(DEAD_LETTERS_KEPT).nearlyExactTrimming(),
                Map.of(WebhookOutbox.DELIVERY_FIELD, entry.deliveryId(), "streamId", entry.streamId(), "reason", reason,
                        "at", Instant.now().toString())))
                .flatMap(ignored -> settle(entry, null, null));
    }

    private Uni<Void> settle(Entry entry, WebhookDelivery delivery, Long retryAtMillis) {
        String json = delivery == null ? "" : outbox.json(delivery);
        if (delivery == null) {
            return call(() -> streams.xack(WebhookOutbox.OUTBOX, GROUP, entry.streamId()))
                    .flatMap(ignored -> call(() -> streams.xdel(WebhookOutbox.OUTBOX, entry.streamId())))
                    .replaceWithVoid();
        }
        return call(() -> redis.execute("EVAL", SETTLE, "3", WebhookOutbox.deliveryKey(delivery.id()), WebhookOutbox.OUTBOX,
                WebhookOutbox.RETRIES, json, entry.streamId(), GROUP, retryAtMillis == null ? "" : String.valueOf(retryAtMillis),
                delivery.id())).replaceWithVoid();
    }

    /** Jitter between half and all of an exponential delay, capped ("equal jitter"). */
    long backoffMillis(int attempts) {
        long base = config.retry().initialDelay().toMillis() << Math.min(20, attempts - 1);
        long capped = Math.min(config.retry().maxDelay().toMillis(), base);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private Uni<Outcome> attempt(StoredWebhook webhook, WebhookDelivery delivery) {
        URI uri = URI.create(webhook.url());
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost();
        return Uni.createFrom().item(() -> policy.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(address -> send(address, host, port, https, path, webhook, delivery))
                .ifNoItem().after(config.timeout()).fail()
                .map(code -> new Outcome(code >= 200 && code < 300, true, code, code >= 200 && code < 300 ? null : "HTTP " + code))
                .onFailure(RefusedTargetException.class).recoverWithItem(refused -> new Outcome(false, false, null, refused.getMessage()))
                .onFailure().recoverWithItem(failure -> new Outcome(false, true, null, describe(failure)));
    }

    private Uni<Integer> send(InetAddress address, String host, int port, boolean https, String path, StoredWebhook webhook,
            WebhookDelivery delivery) {
        long now = Instant.now().getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "genesys-graphql-gateway-webhooks")
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(secrets.open(webhook.id(), webhook.secret()), now,
                        delivery.payload()))
                .putHeader("X-Gateway-Event-Id", delivery.eventId())
                .putHeader("X-Gateway-Event-Type", delivery.eventType())
                .putHeader("X-Gateway-Delivery-Id", delivery.id());
        return http.request(options)
                .flatMap(request -> request.send(delivery.payload()))
                .flatMap(response -> response.body().map(ignored -> response.statusCode()));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /**
     * A Redis call of the background loop. It does not feed {@link StateStatus}: the loop polls continuously, and
     * its own failures (a missing consumer group after a Redis restart) say nothing about the cache.
     */
    private <T> Uni<T> call(Supplier<Uni<T>> operation) {
        return Uni.createFrom().deferred(() -> operation.get()).ifNoItem().after(config.redisTimeout()).fail();
    }
}
