package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Users' presence and routing status kept from {@code v2.users.{id}.activity} (presence, routing status and joined
 * queues in one topic: half the topics of {@code .presence} + {@code .routingStatus}) while a subscription watches
 * them. The replica holding a user's topic ({@link SharedWatches}) seeds the user with one bulk read, then each event
 * replaces the state, which it shares through Redis ({@link Directory#liveState}) and refreshes every interval;
 * other replicas and every query read it there.
 */
@ApplicationScoped
class WatchedUsers {
    private static final Logger LOG = Logger.getLogger(WatchedUsers.class);

    private final Directory directory;
    private final SharedWatches watches;
    private final ObjectMapper mapper;
    /** The live-watched users' state: {@code {id, presence, routingStatus}} as Genesys's expanded {@code User}. */
    private final Map<String, JsonNode> watched = new ConcurrentHashMap<>();
    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    WatchedUsers(Directory directory, SharedWatches watches, ObjectMapper mapper) {
        this.directory = directory;
        this.watches = watches;
        this.mapper = mapper;
        watches.follow(WatchedTopic.USER_ACTIVITY, this::onEvent, watched::clear, this::refresh);
    }

    static String topic(String userId) {
        return WatchedTopic.USER_ACTIVITY.name(userId);
    }

    /** Ids of users whose state changed on this replica, as they change. */
    Multi<String> changes() {
        return changes;
    }

    private void onEvent(String userId, JsonNode body) {
        ObjectNode user = mapper.createObjectNode().put("id", userId);
        if (body.hasNonNull("presence")) {
            user.set("presence", body.get("presence"));
        }
        if (body.hasNonNull("routingStatus")) {
            user.set("routingStatus", body.get("routingStatus"));
        }
        watched.put(userId, user);
        directory.liveState(userId, user);
        synchronized (changes) {
            changes.onNext(userId);
        }
    }

    /** Each interval: seed the live-watched users not known yet (one bulk read), refresh the shared state of the rest. */
    private void refresh(Set<String> liveIds) {
        List<String> unseeded = new ArrayList<>();
        for (String userId : liveIds) {
            JsonNode known = watched.get(userId);
            if (known == null) {
                unseeded.add(userId);
            } else {
                directory.liveState(userId, known);
            }
        }
        watched.keySet().retainAll(liveIds);
        if (!unseeded.isEmpty()) {
            directory.liveUsers(unseeded).subscribe().with(found -> found.forEach((id, user) -> {
                if (watches.isLive(topic(id))) {
                    watched.putIfAbsent(id, user);
                }
            }), failure -> LOG.debugf("Watched users not seeded (retried next interval): %s", failure.toString()));
        }
    }
}
