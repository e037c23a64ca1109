package io.gcgateway.simulator.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.SimulatorConfig;
import io.gcgateway.simulator.SimulatorException;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Notification channels as Genesys runs them: at most 20 per client (a 21st evicts the oldest), each with up to
 * 1,000 topics and one websocket. Events go out as {@code {topicName, version, eventBody, metadata}}; a heartbeat on
 * {@code channel.metadata}; {@code v2.system.socket_closing} before the server closes a socket.
 */
@ApplicationScoped
public class NotificationHub {
    static final int MAX_CHANNELS = 20;
    static final int MAX_TOPICS = 1000;
    private static final String UUID_RE = "[0-9a-fA-F-]{36}";
    private static final List<Pattern> TOPICS = List.of(
            Pattern.compile("v2\\.users\\." + UUID_RE + "\\.conversations(\\.(calls|chats|emails|messages|callbacks))?"),
            Pattern.compile("v2\\.routing\\.queues\\." + UUID_RE + "\\.conversations(\\.(calls|chats|emails|messages|callbacks))?"),
            Pattern.compile("v2\\.users\\." + UUID_RE + "\\.(presence|routingStatus|activity)"),
            Pattern.compile("v2\\.analytics\\.queues\\." + UUID_RE + "\\.observations"),
            Pattern.compile("v2\\.detail\\.events\\.conversation\\." + UUID_RE + "\\.(customer\\.start|customer\\.end|"
                    + "user\\.start|user\\.end|acd\\.start|acd\\.end|acw|wrapup|attributes|contact|flow\\.start|"
                    + "flow\\.end|flow\\.outcome|outbound|voicemail\\.start|voicemail\\.end)"));
    private static final Logger LOG = Logger.getLogger(NotificationHub.class);

    /** One channel: its topics and the websocket(s) open on it. */
    static final class Channel {
        final String id;
        final String connectUri;
        final Instant expires;
        final long created;
        final Set<String> topics = new LinkedHashSet<>();
        final Set<WebSocketConnection> sockets = new CopyOnWriteArraySet<>();

        Channel(String id, String connectUri, Instant expires, long created) {
            this.id = id;
            this.connectUri = connectUri;
            this.expires = expires;
            this.created = created;
        }
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final ObjectMapper mapper;
    private final SimulatorConfig config;

    private final Event<TopicsSubscribed> subscribed;

    NotificationHub(ObjectMapper mapper, SimulatorConfig config, Vertx vertx, Event<TopicsSubscribed> subscribed) {
        this.mapper = mapper;
        this.subscribed = subscribed;
        this.config = config;
        vertx.setPeriodic(config.notificationHeartbeat().toMillis(), ignored -> heartbeat());
    }

    /** {@code POST /api/v2/notifications/channels}; {@code socketBase} is e.g. {@code ws://127.0.0.1:8080/simulator}. */
    public synchronized ObjectNode create(String socketBase) {
        if (channels.size() >= MAX_CHANNELS) {
            channels.values().stream().min(Comparator.comparingLong(c -> c.created))
                    .ifPresent(oldest -> close(channels.remove(oldest.id)));
        }
        String id = "streaming-0-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
        Channel channel = new Channel(id, socketBase + "/channels/" + id,
                Instant.now().plus(config.notificationChannelLifetime()), order.incrementAndGet());
        channels.put(id, channel);
        return describe(channel);
    }

    public List<ObjectNode> list() {
        return channels.values().stream().sorted(Comparator.comparingLong(c -> c.created)).map(this::describe).toList();
    }

    public boolean exists(String channelId) {
        Channel channel = channels.get(channelId);
        return channel != null && channel.expires.isAfter(Instant.now());
    }

    /** {@code PUT} (replace) or {@code POST} (add) subscriptions; answers the channel's topics with their state. */
    public synchronized List<ObjectNode> subscribe(String channelId, JsonNode requested, boolean replace, boolean ignoreErrors) {
        Channel channel = channel(channelId);
        if (requested == null || !requested.isArray()) {
            throw SimulatorException.badRequest("The body must be an array of ChannelTopic objects");
        }
        Set<String> accepted = new LinkedHashSet<>();
        List<ObjectNode> rejected = new ArrayList<>();
        for (JsonNode topic : requested) {
            String id = topic.path("id").asText("");
            if (TOPICS.stream().anyMatch(pattern -> pattern.matcher(id).matches())) {
                accepted.add(id);
            } else if (ignoreErrors) {
                rejected.add(mapper.createObjectNode().put("id", id).put("state", "Rejected")
                        .put("rejectionReason", "Topic is not valid or not available"));
            } else {
                throw SimulatorException.badRequest("Invalid topic: " + id);
            }
        }
        Set<String> next = new LinkedHashSet<>(replace ? Set.of() : channel.topics);
        next.addAll(accepted);
        if (next.size() > MAX_TOPICS) {
            throw SimulatorException.badRequest("A channel may have at most " + MAX_TOPICS + " topics");
        }
        channel.topics.clear();
        channel.topics.addAll(next);
        subscribed.fire(new TopicsSubscribed(Set.copyOf(accepted)));
        List<ObjectNode> entities = topics(channelId);
        entities.addAll(rejected);
        return entities;
    }

    public synchronized List<ObjectNode> topics(String channelId) {
        List<ObjectNode> entities = new ArrayList<>();
        for (String topic : channel(channelId).topics) {
            entities.add(mapper.createObjectNode().put("id", topic).put("state", "Permitted")
                    .put("selfUri", "/api/v2/notifications/channels/" + channelId + "/subscriptions"));
        }
        return entities;
    }

    public synchronized void unsubscribeAll(String channelId) {
        channel(channelId).topics.clear();
    }

    /** A websocket opened on a channel's {@code connectUri}; false if there is no such (live) channel. */
    boolean attach(String channelId, WebSocketConnection socket) {
        Channel channel = channels.get(channelId);
        if (channel == null || !channel.expires.isAfter(Instant.now())) {
            return false;
        }
        channel.sockets.add(socket);
        return true;
    }

    void detach(WebSocketConnection socket) {
        channels.values().forEach(channel -> channel.sockets.remove(socket));
    }

    /** Whether any channel holds the topic now (a publisher computes an event only when someone listens). */
    public boolean subscribed(String topic) {
        for (Channel channel : channels.values()) {
            synchronized (this) {
                if (channel.topics.contains(topic)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Delivers an event to every socket of every channel subscribed to {@code topic} (or its {@code .calls} form). */
    public void publish(String topic, JsonNode eventBody) {
        ObjectNode message = mapper.createObjectNode();
        message.put("topicName", topic);
        message.put("version", "2");
        message.set("eventBody", eventBody);
        message.putObject("metadata").put("CorrelationId", UUID.randomUUID().toString());
        String text = message.toString();
        for (Channel channel : channels.values()) {
            boolean subscribed;
            synchronized (this) {
                subscribed = channel.topics.contains(topic) || channel.topics.contains(topic + ".calls");
            }
            if (subscribed) {
                channel.sockets.forEach(socket -> send(socket, text));
            }
        }
    }

    /**
     * What Genesys does before maintenance or at expiry: {@code v2.system.socket_closing} on every socket, then the
     * sockets close and the channels are gone. Returns how many sockets were closed.
     */
    public synchronized int closeAll() {
        int closed = 0;
        for (Channel channel : List.copyOf(channels.values())) {
            closed += close(channels.remove(channel.id));
        }
        return closed;
    }

    private int close(Channel channel) {
        if (channel == null) {
            return 0;
        }
        String closing = mapper.createObjectNode().put("topicName", "v2.system.socket_closing")
                .set("eventBody", mapper.createObjectNode().put("message", "Socket closing")).toString();
        for (WebSocketConnection socket : channel.sockets) {
            socket.sendText(closing).chain(() -> socket.close()).subscribe().with(ok -> {
            }, failure -> LOG.debugf("Closing a notification socket: %s", failure.toString()));
        }
        return channel.sockets.size();
    }

    String heartbeatMessage() {
        return mapper.createObjectNode().put("topicName", "channel.metadata")
                .set("eventBody", mapper.createObjectNode().put("message", "WebSocket Heartbeat")).toString();
    }

    String pong() {
        return mapper.createObjectNode().put("topicName", "channel.metadata")
                .set("eventBody", mapper.createObjectNode().put("message", "pong")).toString();
    }

    private void heartbeat() {
        String text = heartbeatMessage();
        channels.values().forEach(channel -> channel.sockets.forEach(socket -> send(socket, text)));
    }

    private static void send(WebSocketConnection socket, String text) {
        if (socket.isOpen()) {
            socket.sendText(text).subscribe().with(ok -> {
            }, failure -> LOG.debugf("A notification could not be sent: %s", failure.toString()));
        }
    }

    private Channel channel(String channelId) {
        Channel channel = channels.get(channelId);
        if (channel == null) {
            throw SimulatorException.notFound("Channel " + channelId + " not found");
        }
        return channel;
    }

    private ObjectNode describe(Channel channel) {
        return mapper.createObjectNode().put("connectUri", channel.connectUri).put("id", channel.id)
                .put("expires", channel.expires.toString());
    }
}
