package io.gcgateway.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.webhooks.WebhookTypes.RegisterWebhookInput;
import io.gcgateway.webhooks.WebhookTypes.StoredWebhook;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Registered webhooks, in Redis so that every replica delivers to the same set: a hash by id, and a hash from name to
 * id that makes registration idempotent by name (the same name updates the existing webhook, atomically, even when two
 * replicas register it at once). Registration fails closed without Redis.
 */
@ApplicationScoped
class WebhookRegistry {
    static final String REGISTRY = WebhookOutbox.KEYS + "registry";
    static final String NAMES = WebhookOutbox.KEYS + "names";
    static final Set<String> EVENT_TYPES = GatewayEvents.TYPES;
    /** Returns the id for the name: the existing one, or the new one if fewer than ARGV[3] webhooks exist; else false. */
    private static final String CLAIM_NAME = "local id = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "if id then return id end "
            + "if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return false end "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return ARGV[2]";
    private static final String DELETE = "local json = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "if not json then return 0 end "
            + "redis.call('HDEL', KEYS[1], ARGV[1]) "
            + "redis.call('HDEL', KEYS[2], cjson.decode(json)['name']) return 1";

    private final ReactiveRedisDataSource redis;
    private final StateStatus status;
    private final WebhooksConfig config;
    private final ObjectMapper mapper;
    private final WebhookSecrets secrets;

    WebhookRegistry(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, StateStatus status, WebhooksConfig config, ObjectMapper mapper,
            WebhookSecrets secrets) {
        this.secrets = secrets;
        this.redis = redis;
        this.status = status;
        this.config = config;
        this.mapper = mapper;
    }

    Uni<StoredWebhook> register(RegisterWebhookInput input) {
        return Uni.createFrom().deferred(() -> {
            List<String> events = check(input);
            return call(() -> redis.execute("EVAL", CLAIM_NAME, "1", NAMES, input.name(), UUID.randomUUID().toString(),
                    String.valueOf(config.maxWebhooks())))
                    .flatMap(id -> {
                        if (id == null) {
                            throw ValidationFailedException.of("input.name", "at most " + config.maxWebhooks()
                                    + " webhooks can be registered; delete one first");
                        }
                        return get(id.toString()).flatMap(existing -> {
                            Instant now = Instant.now();
                            StoredWebhook webhook = new StoredWebhook(id.toString(), input.name(), input.url(), events,
                                    secrets.seal(id.toString(), input.secret()), existing == null ? now : existing.createdAt(), now);
                            return call(() -> redis.execute("HSET", REGISTRY, webhook.id(), json(webhook))).replaceWith(webhook);
                        });
                    });
        });
    }

    Uni<List<StoredWebhook>> all() {
        return call(() -> redis.execute("HGETALL", REGISTRY)).map(reply -> {
            List<StoredWebhook> webhooks = new ArrayList<>();
            if (reply != null) {
                for (String field : reply.getKeys()) {
                    StoredWebhook webhook = parse(reply.get(field).toString());
                    if (webhook != null) {
                        webhooks.add(webhook);
                    }
                }
            }
            webhooks.sort(Comparator.comparing(StoredWebhook::name));
            return webhooks;
        });
    }

    Uni<StoredWebhook> get(String id) {
        return call(() -> redis.execute("HGET", REGISTRY, id)).map(reply -> reply == null ? null : parse(reply.toString()));
    }

    Uni<Boolean> delete(String id) {
        return call(() -> redis.execute("EVAL", DELETE, "2", REGISTRY, NAMES, id)).map(reply -> reply != null && reply.toLong() == 1);
    }

    /** Every problem of the input at once; the event types, de-duplicated in order. */
    private static List<String> check(RegisterWebhookInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.name() == null || !input.name().matches("[A-Za-z0-9._-]{1,100}")) {
            errors.add(new FieldError("input.name", "must be 1 to 100 letters, digits, '.', '_' or '-'"));
        }
        String problem = TargetAddressPolicy.syntaxProblem(input.url());
        if (problem != null) {
            errors.add(new FieldError("input.url", problem));
        }
        Set<String> events = new LinkedHashSet<>();
        if (input.events() == null || input.events().isEmpty()) {
            errors.add(new FieldError("input.events", "name at least one event type: " + String.join(", ", EVENT_TYPES.stream().sorted().toList())));
        } else {
            for (int i = 0; i < input.events().size(); i++) {
                String type = input.events().get(i);
                if (!EVENT_TYPES.contains(type)) {
                    errors.add(new FieldError("input.events." + i, "'" + type + "' is not an event type; use one of "
                            + String.join(", ", EVENT_TYPES.stream().sorted().toList())));
                }
                events.add(type);
            }
        }
        if (input.secret() == null || input.secret().length() < 16 || input.secret().length() > 256) {
            errors.add(new FieldError("input.secret", "must be 16 to 256 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid webhook", errors);
        }
        return List.copyOf(events);
    }

    private String json(StoredWebhook webhook) {
        try {
            return mapper.writeValueAsString(webhook);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredWebhook parse(String json) {
        try {
            return mapper.readValue(json, StoredWebhook.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Uni<Response> call(Supplier<Uni<Response>> operation) {
        return status.call(config.redisTimeout(), operation,
                () -> new UpstreamUnavailableException("The webhook store (Redis) is unavailable; nothing was changed"));
    }
}
