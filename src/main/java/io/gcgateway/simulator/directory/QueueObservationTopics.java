package io.gcgateway.simulator.directory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.notifications.NotificationHub;
import io.gcgateway.simulator.notifications.TopicsSubscribed;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code v2.analytics.queues.{id}.observations} as Genesys publishes it: on change, at most one event per second per
 * topic ({@code StatEventQueueTopicStatsNotification}: {@code group{queueId}}, {@code data[{interval, metrics[{metric,
 * qualifier, stats{count}}]}]} in the current 30-minute interval). Observation events carry counts only: the longest
 * wait needs the observation query. Computed once a second for the queues someone listens to, from the timer's
 * first subscription on.
 */
@Singleton
public class QueueObservationTopics {
    static final Set<String> METRICS = Set.of("oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers", "oActiveUsers",
            "oMemberUsers", "oOffQueueUsers", "oUserRoutingStatuses", "oUserPresences");
    private static final String PREFIX = "v2.analytics.queues.";
    private static final String SUFFIX = ".observations";

    private final SimulatorDirectory directory;
    private final LiveQueueObservations observations;
    private final NotificationHub hub;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Map<String, List<Object>> lastPublished = new ConcurrentHashMap<>();
    private volatile boolean running;

    QueueObservationTopics(SimulatorDirectory directory, LiveQueueObservations observations, NotificationHub hub,
            ObjectMapper mapper, Vertx vertx) {
        this.directory = directory;
        this.observations = observations;
        this.hub = hub;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void subscribed(@Observes TopicsSubscribed subscribed) {
        for (String topic : subscribed.topics()) {
            if (topic.startsWith(PREFIX) && topic.endsWith(SUFFIX)) {
                // A new listener gets the current state with the next tick, changed or not.
                lastPublished.remove(topic.substring(PREFIX.length(), topic.length() - SUFFIX.length()));
                start();
            }
        }
    }

    private synchronized void start() {
        if (!running) {
            running = true;
            vertx.setPeriodic(1_000, ignored -> publishChanges());
        }
    }

    void publishChanges() {
        for (Map<String, Object> queue : directory.queues()) {
            String queueId = (String) queue.get("id");
            if (!hub.subscribed(PREFIX + queueId + SUFFIX)) {
                lastPublished.remove(queueId);
                continue;
            }
            List<Object> rows = new ArrayList<>();
            for (Map<String, Object> result : observations.results(queueId, METRICS, false)) {
                rows.addAll((List<?>) result.get("data"));
            }
            if (!rows.equals(lastPublished.put(queueId, rows))) {
                hub.publish(PREFIX + queueId + SUFFIX, event(queueId, rows));
            }
        }
    }

    private ObjectNode event(String queueId, List<Object> rows) {
        ObjectNode event = mapper.createObjectNode();
        event.putObject("group").put("queueId", queueId);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .plus(Instant.now().atZone(java.time.ZoneOffset.UTC).getMinute() >= 30 ? 30 : 0, ChronoUnit.MINUTES);
        ObjectNode interval = event.putArray("data").addObject();
        interval.put("interval", start + "/" + start.plus(30, ChronoUnit.MINUTES));
        ArrayNode metrics = interval.putArray("metrics");
        rows.forEach(row -> metrics.add(mapper.valueToTree(row)));
        return event;
    }
}
