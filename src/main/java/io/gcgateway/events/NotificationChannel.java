package io.gcgateway.events;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.gcgateway.genesys.GenesysRestClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The gateway's one Genesys notification channel (the Notifications API: a channel, its
 * subscriptions and its websocket), shared by everything that listens: topics
 * are reference-counted and the channel's topic list follows them. Events fan out on {@link #notifications()}.
 * <p>
 * The channel is re-created when Genesys announces {@code v2.system.socket_closing}, when the socket closes, when it
 * stays silent for three keep-alive intervals, and shortly before {@code expires}; its topics are subscribed again
 * and a gap marker tells listeners to re-read what they watch, since events may have been missed in between.
 */
@ApplicationScoped
public class NotificationChannel {
    private static final String PING = "{\"message\":\"ping\"}";
    private static final long MAX_RECONNECT_DELAY_MS = 60_000;
    private static final Logger LOG = Logger.getLogger(NotificationChannel.class);

    private record Channel(String id, Instant expires, WebSocketClientConnection socket) {
    }

    private final NotificationsRestClient client;
    private final Instance<BasicWebSocketConnector> connectors;
    private final EventsConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();
    private final Map<String, Integer> topics = new HashMap<>();
    private final Counter recreated;
    private final long watchdog;
    private Channel current;
    private Uni<Channel> opening;
    private Uni<Void> pushes = Uni.createFrom().voidItem();
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile boolean stopping;
    private long reconnectDelayMs;
    private boolean reconnectScheduled;

    NotificationChannel(GenesysRestClients clients, Instance<BasicWebSocketConnector> connectors, EventsConfig config,
            ObjectMapper mapper, Vertx vertx, MeterRegistry registry) {
        // Channel set-up and renewals are the gateway's own upkeep: they yield the budget's reserve to interactive queries.
        this.client = clients.background(NotificationsRestClient.class);
        this.connectors = connectors;
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
        this.reconnectDelayMs = config.reconnectDelay().toMillis();
        this.recreated = Counter.builder("gateway.notifications.channel.recreated")
                .description("Times the Genesys notification channel was re-created (socket_closing, close, expiry, silence)")
                .register(registry);
        this.watchdog = vertx.setPeriodic(config.pingInterval().toMillis(), ignored -> keepAlive());
    }

    /** Every event of the channel (hot: only what arrives while subscribed), plus gap markers after re-creation. */
    public Multi<Notification> notifications() {
        return processor;
    }

    /** Adds listeners' topics; completes once Genesys has the channel's new topic list. */
    public Uni<Void> retain(Collection<String> wanted) {
        synchronized (this) {
            for (String topic : wanted) {
                topics.merge(topic, 1, Integer::sum);
            }
        }
        return channel().flatMap(ignored -> pushTopics());
    }

    /** Removes listeners' topics; the channel's topic list follows in the background. */
    public void release(Collection<String> unwanted) {
        boolean changed = false;
        synchronized (this) {
            for (String topic : unwanted) {
                Integer left = topics.computeIfPresent(topic, (key, count) -> count > 1 ? count - 1 : null);
                changed |= left == null;
            }
        }
        if (changed) {
            pushTopics().subscribe().with(ok -> {
            }, failure -> LOG.debugf("Could not update the notification topics: %s", failure.toString()));
        }
    }

    /** Whether a channel is open now (for health and tests). */
    public synchronized boolean open() {
        return current != null;
    }

    public synchronized String channelId() {
        return current == null ? null : current.id();
    }

    private synchronized Uni<Channel> channel() {
        if (current != null) {
            return Uni.createFrom().item(current);
        }
        if (opening == null) {
            opening = connect().onItemOrFailure().invoke((channel, failure) -> {
                synchronized (this) {
                    opening = null;
                    if (channel != null) {
                        current = channel;
                        reconnectDelayMs = config.reconnectDelay().toMillis();
                    }
                }
            }).memoize().indefinitely();
        }
        return opening;
    }

    private Uni<Channel> connect() {
        return client.createChannel().flatMap(created -> {
            String id = created.path("id").asText();
            URI connectUri = URI.create(created.path("connectUri").asText());
            Instant expires = created.hasNonNull("expires") ? Instant.parse(created.get("expires").asText())
                    : Instant.now().plusSeconds(86_400);
            return client.replaceSubscriptions(id, topicList()).flatMap(ignored -> {
                BasicWebSocketConnector connector = connectors.get();
                String base = connectUri.getScheme() + "://" + connectUri.getRawAuthority();
                return connector.baseUri(URI.create(base)).path(connectUri.getRawPath())
                        .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                        .onTextMessage(this::onMessage)
                        .onClose((socket, reason) -> onClosed(socket, "closed"))
                        .connect();
            }).map(socket -> {
                lastMessageNanos = System.nanoTime();
                // The channel id is part of its connectUri, which lets anyone listen: it is not logged.
                LOG.info("Genesys notification channel open");
                return new Channel(id, expires, socket);
            });
        });
    }

    /** Replaces the channel's topics with the current ones; serialized so the last push has the latest list. */
    private synchronized Uni<Void> pushTopics() {
        Uni<Void> next = pushes.onFailure().recoverWithNull().replaceWithVoid().chain(() -> {
            Channel channel;
            synchronized (this) {
                channel = current;
            }
            return channel == null ? Uni.createFrom().voidItem()
                    : client.replaceSubscriptions(channel.id(), topicList()).replaceWithVoid();
        }).memoize().indefinitely();
        pushes = next;
        return next;
    }

    private synchronized ArrayNode topicList() {
        ArrayNode list = mapper.createArrayNode();
        topics.keySet().stream().sorted().forEach(topic -> list.addObject().put("id", topic));
        return list;
    }

    private void onMessage(WebSocketClientConnection socket, String text) {
        lastMessageNanos = System.nanoTime();
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (Exception e) {
            LOG.debugf("Ignored a notification that is not JSON: %s", e.getMessage());
            return;
        }
        String topic = message.path("topicName").asText("");
        if ("channel.metadata".equals(topic)) {
            return;
        }
        if ("v2.system.socket_closing".equals(topic)) {
            onClosed(socket, "socket_closing");
            return;
        }
        emit(Notification.event(topic, message.path("eventBody")));
    }

    private void emit(Notification notification) {
        synchronized (processor) {
            processor.onNext(notification);
        }
    }

    /** The socket of the current channel ended: drop the channel and open a new one if anyone still listens. */
    private void onClosed(WebSocketClientConnection socket, String why) {
        if (stopping) {
            return;
        }
        synchronized (this) {
            if (current == null || current.socket() != socket) {
                return;
            }
            current = null;
        }
        LOG.infof("Genesys notification channel ended (%s); re-creating it", why);
        if (socket.isOpen()) {
            socket.close().subscribe().with(ok -> {
            }, failure -> LOG.debugf("Closing the ended notification socket failed: %s", failure.getClass().getSimpleName()));
        }
        reopen();
    }

    private void reopen() {
        synchronized (this) {
            if (stopping || topics.isEmpty() || current != null) {
                return;
            }
        }
        channel().subscribe().with(channel -> {
            recreated.increment();
            // Topics may have changed while the channel was being created; the gap marker follows the final list.
            pushTopics().subscribe().with(ok -> emit(Notification.gapMarker()),
                    failure -> emit(Notification.gapMarker()));
        }, failure -> scheduleReconnect(failure));
    }

    private void scheduleReconnect(Throwable failure) {
        long delay;
        synchronized (this) {
            if (reconnectScheduled) {
                return;
            }
            reconnectScheduled = true;
            delay = reconnectDelayMs;
            reconnectDelayMs = Math.min(MAX_RECONNECT_DELAY_MS, reconnectDelayMs * 2);
        }
        LOG.warnf("Could not open a Genesys notification channel (%s); retrying in %d ms", failure.getClass().getSimpleName(), delay);
        vertx.setTimer(delay, ignored -> {
            synchronized (this) {
                reconnectScheduled = false;
            }
            reopen();
        });
    }

    private void keepAlive() {
        Channel channel;
        synchronized (this) {
            channel = current;
        }
        if (channel == null) {
            reopen();
            return;
        }
        long silentNanos = System.nanoTime() - lastMessageNanos;
        if (silentNanos > config.pingInterval().toNanos() * 3) {
            onClosed(channel.socket(), "silent");
        } else if (Instant.now().plus(config.renewBeforeExpiry()).isAfter(channel.expires())) {
            onClosed(channel.socket(), "expiring");
        } else {
            channel.socket().sendText(PING).subscribe().with(ok -> {
            }, failure -> onClosed(channel.socket(), "ping failed"));
        }
    }

    /** Before the HTTP server stops (a simulator in this process closes its sockets): no re-creation from now on. */
    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        stopping = true;
        vertx.cancelTimer(watchdog);
        Channel channel;
        synchronized (this) {
            channel = current;
            current = null;
            topics.clear();
        }
        if (channel != null && channel.socket().isOpen()) {
            channel.socket().close().await().atMost(Duration.ofSeconds(2));
        }
    }

    /** The topics the channel holds for its listeners now. */
    public List<String> topics() {
        synchronized (this) {
            return List.copyOf(topics.keySet());
        }
    }
}
