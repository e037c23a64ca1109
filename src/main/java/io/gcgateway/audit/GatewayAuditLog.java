package io.gcgateway.audit;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gcgateway.cache.RedisRoles;
import io.gcgateway.cache.StateStatus;
import io.gcgateway.errors.UpstreamUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's own audit log of changes: each event is one JSON line on the {@code gateway.audit} log category
 * (for log shipping) and one entry of the Redis stream {@code gateway:audit:v1} (capped, shared by all replicas,
 * read by {@code gatewayAuditLog}). Recording never fails a request: with Redis down the log line is still written
 * and {@code gateway_audit_stream_errors_total} counts the miss.
 */
@ApplicationScoped
public class GatewayAuditLog {
    static final String STREAM = "gateway:audit:v1";
    private static final Logger JSON_LOG = Logger.getLogger("gateway.audit");
    private static final Logger LOG = Logger.getLogger(GatewayAuditLog.class);
    private static final int SCAN_BATCH = 200;
    private static final int MAX_SCANNED = 20_000;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final StateStatus status;
    private final AuditConfig config;
    private final Counter streamErrors;

    GatewayAuditLog(@RedisClientName(RedisRoles.STATE) ReactiveRedisDataSource redis, ObjectMapper mapper, StateStatus status, AuditConfig config,
            MeterRegistry registry) {
        this.redis = redis;
        this.mapper = mapper;
        this.status = status;
        this.config = config;
        this.streamErrors = Counter.builder("gateway.audit.stream.errors")
                .description("Audit events written to the log only, because the Redis stream was unavailable")
                .register(registry);
    }

    /** Writes the event; completes once it is logged and (when Redis answers) in the stream. Never fails. */
    public Uni<Void> record(AuditEvent event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.warnf("Could not serialize an audit event: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        JSON_LOG.info(json);
        return status.guarded(config.redisTimeout(), () -> redis.execute("XADD", STREAM, "MAXLEN", "~",
                String.valueOf(config.streamMaxLength()), "*", "event", json))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    streamErrors.increment();
                    return null;
                });
    }

    /** A page of events, newest first, after the event {@code afterId} (exclusive); scans at most 20,000 entries. */
    public Uni<Page> read(AuditLogFilter filter, int first, String afterId) {
        return scan(filter, first, afterId == null ? "+" : "(" + afterId, new ArrayList<>(), 0)
                .onFailure(failure -> !(failure instanceof UpstreamUnavailableException)).transform(failure -> unavailable());
    }

    /** Events in order, and whether the stream has more beyond the last one. */
    public record Page(List<AuditEvent> events, boolean hasMore) {
    }

    private Uni<Page> scan(AuditLogFilter filter, int first, String end, List<AuditEvent> found, int scanned) {
        return status.guarded(config.redisTimeout(),
                () -> redis.execute("XREVRANGE", STREAM, end, "-", "COUNT", String.valueOf(SCAN_BATCH)))
                .flatMap(reply -> {
                    int size = reply == null ? 0 : reply.size();
                    String lastId = null;
                    for (int i = 0; i < size; i++) {
                        Response entry = reply.get(i);
                        lastId = entry.get(0).toString();
                        AuditEvent event = parse(lastId, entry.get(1));
                        if (event != null && (filter == null || filter.matches(event))) {
                            if (found.size() == first) {
                                return Uni.createFrom().item(new Page(found, true));
                            }
                            found.add(event);
                        }
                    }
                    int total = scanned + size;
                    if (size < SCAN_BATCH || total >= MAX_SCANNED) {
                        return Uni.createFrom().item(new Page(found, size == SCAN_BATCH));
                    }
                    return scan(filter, first, "(" + lastId, found, total);
                });
    }

    private AuditEvent parse(String id, Response fields) {
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("event".equals(fields.get(i).toString())) {
                try {
                    return mapper.readValue(fields.get(i + 1).toString(), AuditEvent.class).withId(id);
                } catch (JsonProcessingException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static UpstreamUnavailableException unavailable() {
        return new UpstreamUnavailableException("The gateway audit log (Redis) is unavailable");
    }
}
