package io.gcgateway.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.gateway.PageInfo;
import io.gcgateway.genesys.PageCursors;
import io.gcgateway.webhooks.WebhookTypes.StoredWebhook;
import io.gcgateway.webhooks.WebhookTypes.WebhookDelivery;
import io.gcgateway.webhooks.WebhookTypes.WebhookDeliveryConnection;
import io.gcgateway.webhooks.WebhookTypes.WebhookDeliveryEdge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The durable outbox of webhook deliveries, in Redis so that a gateway restart loses nothing: each (event, webhook)
 * becomes a delivery record plus an entry of the stream {@code gateway:webhooks:v2:{webhooks}:outbox}, written in one atomic
 * step. {@link WebhookDeliverer} works the stream through a consumer group shared by all replicas.
 * <p>
 * Events whose source has a stable id (a Genesys notification seen by every replica) are de-duplicated here, so
 * each is relayed once. Publishing never fails the change that caused it: without Redis the event is counted in
 * {@code gateway_webhooks_events_dropped_total} and logged.
 */
@ApplicationScoped
public class WebhookOutbox implements GatewayEvents {
    /**
     * Every webhook key shares one hash tag: the scripts that queue and settle a delivery touch the record, the
     * index, the stream and the retry set at once, and on Redis Cluster those must live in one slot.
     */
    static final String KEYS = "gateway:webhooks:v2:{webhooks}:";
    static final String OUTBOX = KEYS + "outbox";
    static final String RETRIES = KEYS + "retries";
    /** Outbox entries that could not be delivered for a reason of their own (an unreadable record), kept for a human. */
    static final String DEAD_LETTERS = KEYS + "dead-letters";
    static final String CONNECTION = "webhookDeliveries";
    /** The field of an outbox stream entry that holds the delivery id. */
    static final String DELIVERY_FIELD = "delivery";
    private static final String SEEN = KEYS + "seen:";
    private static final String ENQUEUE = "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) "
            + "redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) "
            + "redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[5]) + 1)) "
            + "redis.call('EXPIRE', KEYS[2], ARGV[2]) "
            + "redis.call('XADD', KEYS[3], '*', '" + DELIVERY_FIELD + "', ARGV[4]) return 1";
    private static final Logger LOG = Logger.getLogger(WebhookOutbox.class);

    private final ReactiveRedisDataSource redis;
    private final StateStatus status;
    private final WebhookRegistry registry;
    private final WebhooksConfig config;
    private final ObjectMapper mapper;
    private final Counter dropped;
    private volatile Runnable wakeUp = () -> {
    };

    WebhookOutbox(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, StateStatus status, WebhookRegistry registry, WebhooksConfig config,
            ObjectMapper mapper, MeterRegistry meters) {
        this.redis = redis;
        this.status = status;
        this.registry = registry;
        this.config = config;
        this.mapper = mapper;
        this.dropped = Counter.builder("gateway.webhooks.events.dropped")
                .description("Events not queued for webhooks because the outbox (Redis) was unavailable")
                .register(meters);
    }

    static String deliveryKey(String deliveryId) {
        return KEYS + "delivery:" + deliveryId;
    }

    static String indexKey(String webhookId) {
        return KEYS + "deliveries:" + webhookId;
    }

    /** Called by the deliverer: what to run when a delivery was queued on this replica. */
    void onEnqueued(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** Queues one delivery per webhook registered for {@code type}; never fails. */
    @Override
    public Uni<Void> publish(String type, String sourceEventId, JsonNode data) {
        String eventId = sourceEventId == null ? UUID.randomUUID().toString() : sourceEventId;
        Uni<Boolean> first = sourceEventId == null ? Uni.createFrom().item(true)
                : call(() -> redis.execute("SET", SEEN + eventId, "1", "NX", "EX", String.valueOf(config.retention().toSeconds())))
                        .map(reply -> reply != null);
        return first.flatMap(isNew -> !isNew ? Uni.createFrom().<Integer> item(0) : registry.all().flatMap(webhooks -> {
            List<StoredWebhook> targets = webhooks.stream().filter(webhook -> webhook.events().contains(type)).toList();
            if (targets.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            String payload = payload(eventId, type, data);
            List<Uni<Response>> writes = new ArrayList<>();
            for (StoredWebhook webhook : targets) {
                writes.add(write(new WebhookDelivery(UUID.randomUUID().toString(), webhook.id(), eventId, type, "PENDING", 0,
                        Instant.now(), null, null, null, null, null, payload)));
            }
            return Uni.join().all(writes).andFailFast().map(List::size);
        })).invoke(queued -> {
            if (queued > 0) {
                wakeUp.run();
            }
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            dropped.increment();
            LOG.warnf("A %s event was not queued for webhooks: %s", type, failure.getMessage());
            return null;
        });
    }

    private Uni<Response> write(WebhookDelivery delivery) {
        return call(() -> redis.execute("EVAL", ENQUEUE, "3", deliveryKey(delivery.id()), indexKey(delivery.webhookId()),
                OUTBOX, json(delivery), String.valueOf(config.retention().toSeconds()),
                String.valueOf(System.currentTimeMillis()), delivery.id(), String.valueOf(config.maxListedDeliveries())));
    }

    /** The body every webhook of the event receives. */
    private String payload(String eventId, String type, JsonNode data) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", eventId);
        body.put("type", type);
        body.put("occurredAt", Instant.now().toString());
        body.set("data", data);
        return body.toString();
    }

    /** A delivery record as read: the delivery, or none (it expired or was deleted), or unreadable. */
    record Stored(WebhookDelivery delivery, boolean unreadable) {
    }

    Uni<Stored> delivery(String deliveryId) {
        return call(() -> redis.execute("GET", deliveryKey(deliveryId))).map(reply -> {
            if (reply == null) {
                return new Stored(null, false);
            }
            WebhookDelivery delivery = parse(reply.toString());
            return new Stored(delivery, delivery == null);
        });
    }

    /** Deliveries of one webhook, newest first. */
    Uni<WebhookDeliveryConnection> deliveries(String webhookId, Integer first, String after) {
        return Uni.createFrom().deferred(() -> {
            PageCursors.Window window = PageCursors.window(CONNECTION, first, after, 25, 100);
            return call(() -> redis.execute("ZREVRANGE", indexKey(webhookId), String.valueOf(window.offset()),
                    String.valueOf(window.offset() + window.size())))
                    .flatMap(ids -> {
                        int found = ids == null ? 0 : ids.size();
                        if (found == 0) {
                            return Uni.createFrom().item(new WebhookDeliveryConnection(List.of(), new PageInfo(false, after)));
                        }
                        List<String> keys = new ArrayList<>();
                        for (int i = 0; i < Math.min(found, window.size()); i++) {
                            keys.add(deliveryKey(ids.get(i).toString()));
                        }
                        return call(() -> redis.execute("MGET", keys.toArray(String[]::new))).map(values -> {
                            List<WebhookDeliveryEdge> edges = new ArrayList<>();
                            for (int i = 0; i < values.size(); i++) {
                                WebhookDelivery delivery = values.get(i) == null ? null : parse(values.get(i).toString());
                                if (delivery != null) {
                                    edges.add(new WebhookDeliveryEdge(window.cursor(i), delivery));
                                }
                            }
                            String end = edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor();
                            return new WebhookDeliveryConnection(edges, new PageInfo(found > window.size(), end));
                        });
                    });
        });
    }

    String json(WebhookDelivery delivery) {
        try {
            return mapper.writeValueAsString(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebhookDelivery parse(String json) {
        try {
            return mapper.readValue(json, WebhookDelivery.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Uni<Response> call(Supplier<Uni<Response>> operation) {
        return status.call(config.redisTimeout(), operation,
                () -> new UpstreamUnavailableException("The webhook outbox (Redis) is unavailable"));
    }
}
