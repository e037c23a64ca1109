package io.gcgateway.simulator.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.SeededIds;
import io.gcgateway.simulator.analytics.ConversationDataSet;
import io.gcgateway.simulator.conversations.AgentsChanged;
import io.gcgateway.simulator.conversations.LiveConversationStore;
import io.gcgateway.simulator.notifications.NotificationHub;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The simulated org's directory, consistent with the analytics data set and live conversations: the same six queues,
 * forty agents and eight wrap-up codes, now with names, emails, titles, departments and divisions; queue membership;
 * the system presence definitions; and each agent's presence and routing status. Shapes follow the Genesys models
 * ({@code User}, {@code Queue}, {@code QueueMember}, {@code WrapupCode}, {@code AuthzDivision},
 * {@code OrganizationPresenceDefinition}, {@code UserPresence}, {@code RoutingStatus}).
 * <p>
 * Routing status follows the live conversations: an agent offered, talking or in after-call work is
 * {@code INTERACTING}, an on-queue agent without one {@code IDLE}. Every change of presence or routing status is
 * published on {@code v2.users.{id}.presence}, {@code v2.users.{id}.routingStatus} and {@code v2.users.{id}.activity}.
 */
@Singleton
public class SimulatorDirectory {
    private static final String[] FIRST = { "Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines",
            "Jonas", "Kira", "Liam", "Maya", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sam", "Tara" };
    private static final String[] LAST = { "Okafor", "Lindqvist", "Moreau", "Patel", "Novak", "Haddad", "Kowalski",
            "Brennan", "Silva", "Tanaka" };
    private static final String[] TITLES = { "Agent", "Senior Agent", "Team Lead" };
    private static final String[] DEPARTMENTS = { "Customer Care", "Sales", "Technical Support" };
    private static final String[] DIVISION_NAMES = { "Home", "VIP Services" };
    /** The system presences as {@code /api/v2/presence/definitions} spells them, with their English labels. */
    static final String[][] SYSTEM_PRESENCES = { { "Available", "Available" }, { "Away", "Away" }, { "Busy", "Busy" },
            { "Break", "Break" }, { "Meal", "Meal" }, { "Meeting", "Meeting" }, { "Training", "Training" },
            { "Offline", "Offline" }, { "OnQueue", "On Queue" } };
    /** The routing statuses Genesys reports ({@code RoutingStatus.status}). */
    static final List<String> ROUTING_STATUSES = List.of("OFF_QUEUE", "IDLE", "INTERACTING", "NOT_RESPONDING",
            "COMMUNICATING");

    private final List<Map<String, Object>> users = new ArrayList<>();
    private final List<Map<String, Object>> queues = new ArrayList<>();
    private final List<Map<String, Object>> wrapUpCodes = new ArrayList<>();
    private final List<Map<String, Object>> divisions = new ArrayList<>();
    private final List<Map<String, Object>> presenceDefinitions = new ArrayList<>();
    /** Queue id → user id → joined. */
    private final Map<String, Map<String, Boolean>> members = new LinkedHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final String onQueueId;
    private final NotificationHub hub;
    private final LiveConversationStore conversations;
    private final ObjectMapper mapper;

    /** One agent's presence and routing status, and since when. */
    record State(String presenceId, Instant presenceSince, String routingStatus, Instant routingSince) {
    }

    SimulatorDirectory(SeededIds ids, ConversationDataSet dataSet, NotificationHub hub,
            LiveConversationStore conversations, ObjectMapper mapper) {
        this.hub = hub;
        this.conversations = conversations;
        this.mapper = mapper;
        List<String> divisionIds = dataSet.divisionIds();
        for (int i = 0; i < divisionIds.size(); i++) {
            divisions.add(entity(divisionIds.get(i), DIVISION_NAMES[i], "/api/v2/authorization/divisions/",
                    "description", DIVISION_NAMES[i] + " division", "homeDivision", i == 0));
        }
        for (int i = 0; i < SYSTEM_PRESENCES.length; i++) {
            Map<String, Object> definition = entity(ids.uuid("presence", i), SYSTEM_PRESENCES[i][1],
                    "/api/v2/presence/definitions/", "type", "System", "systemPresence", SYSTEM_PRESENCES[i][0],
                    "languageLabels", Map.of("en_US", SYSTEM_PRESENCES[i][1]), "deactivated", false);
            presenceDefinitions.add(definition);
        }
        onQueueId = (String) presenceDefinitions.get(SYSTEM_PRESENCES.length - 1).get("id");
        List<String> userIds = dataSet.userIds();
        List<String> queueIds = dataSet.queueIds();
        for (String queueId : queueIds) {
            members.put(queueId, new ConcurrentHashMap<>());
        }
        Random random = ids.random("directory");
        Instant now = Instant.now();
        for (int i = 0; i < userIds.size(); i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i * 7 + i / FIRST.length) % LAST.length];
            Map<String, Object> user = entity(userIds.get(i), first + " " + last, "/api/v2/users/",
                    "email", (first + "." + last).toLowerCase() + "@example.com",
                    "username", (first + "." + last).toLowerCase() + "@example.com",
                    "title", TITLES[i % 10 == 0 ? 2 : i % 3 == 0 ? 1 : 0], "department", DEPARTMENTS[i % DEPARTMENTS.length],
                    "state", "active", "division", reference(divisions.get(i % 8 == 7 ? 1 : 0)), "version", 1);
            users.add(user);
            String home = queueIds.get(i % queueIds.size());
            members.get(home).put(userIds.get(i), Boolean.TRUE);
            String second = queueIds.get((i * 7 + 3) % queueIds.size());
            if (!second.equals(home)) {
                members.get(second).put(userIds.get(i), i % 5 != 0);
            }
            // Most agents are on queue and idle; the rest available, on a break, or offline.
            int roll = random.nextInt(10);
            int presence = roll < 6 ? SYSTEM_PRESENCES.length - 1 : roll < 8 ? 0 : roll < 9 ? 3 : 7;
            String presenceId = (String) presenceDefinitions.get(presence).get("id");
            Instant since = now.minusSeconds(60 + random.nextInt(3_600));
            states.put(userIds.get(i), new State(presenceId, since, presenceId.equals(onQueueId) ? "IDLE" : "OFF_QUEUE", since));
        }
        for (int i = 0; i < queueIds.size(); i++) {
            Map<String, Boolean> queueMembers = members.get(queueIds.get(i));
            Map<String, Object> queue = entity(queueIds.get(i), ConversationDataSet.queueName(i), "/api/v2/routing/queues/",
                    "description", ConversationDataSet.queueName(i) + " inbound queue",
                    "division", reference(divisions.get(dataSet.divisionIds().indexOf(dataSet.queueDivision(i)))),
                    "memberCount", queueMembers.size(), "userMemberCount", queueMembers.size(),
                    "joinedMemberCount", (int) queueMembers.values().stream().filter(Boolean::booleanValue).count(),
                    "skillEvaluationMethod", "ALL");
            queues.add(queue);
        }
        // The seeded live conversations' agents are on queue and interacting.
        for (String busy : conversations.busyAgents()) {
            states.computeIfPresent(busy, (id, old) -> new State(onQueueId, old.presenceSince(), "INTERACTING",
                    old.routingSince()));
        }
        List<String> codes = dataSet.wrapUpCodes();
        for (int i = 0; i < codes.size(); i++) {
            wrapUpCodes.add(entity(codes.get(i), ConversationDataSet.wrapUpName(i), "/api/v2/routing/wrapupcodes/",
                    "division", reference(divisions.get(0))));
        }
    }

    private static Map<String, Object> entity(String id, String name, String path, Object... more) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("id", id);
        entity.put("name", name);
        for (int i = 0; i + 1 < more.length; i += 2) {
            entity.put((String) more[i], more[i + 1]);
        }
        entity.put("selfUri", path + id);
        return entity;
    }

    private static Map<String, Object> reference(Map<String, Object> entity) {
        return Map.of("id", entity.get("id"), "name", entity.get("name"), "selfUri", entity.get("selfUri"));
    }

    public List<Map<String, Object>> users() {
        return users;
    }

    public List<Map<String, Object>> queues() {
        return queues;
    }

    public List<Map<String, Object>> wrapUpCodes() {
        return wrapUpCodes;
    }

    public List<Map<String, Object>> divisions() {
        return divisions;
    }

    public List<Map<String, Object>> presenceDefinitions() {
        return presenceDefinitions;
    }

    /** Members of a queue in name order: user id → joined; null for an unknown queue. */
    public Map<String, Boolean> members(String queueId) {
        return members.get(queueId);
    }

    /** Joins or leaves a queue; the queue's joined count follows. */
    synchronized void setJoined(String queueId, String userId, boolean joined) {
        Map<String, Boolean> queueMembers = members.get(queueId);
        queueMembers.put(userId, joined);
        queues.stream().filter(queue -> queue.get("id").equals(queueId)).findFirst().ifPresent(queue -> queue.put(
                "joinedMemberCount", (int) queueMembers.values().stream().filter(Boolean::booleanValue).count()));
    }

    public boolean isUser(String userId) {
        return states.containsKey(userId);
    }

    State state(String userId) {
        return states.get(userId);
    }

    Map<String, Object> presenceDefinition(String id) {
        return presenceDefinitions.stream().filter(definition -> definition.get("id").equals(id)).findFirst().orElse(null);
    }

    /** Sets a user's presence; going On Queue makes the agent IDLE (or INTERACTING on a call), leaving it OFF_QUEUE. */
    void setPresence(String userId, String presenceId) {
        Instant now = Instant.now();
        boolean busy = conversations.busyAgents().contains(userId);
        State before = states.get(userId);
        State after = states.compute(userId, (id, old) -> {
            boolean onQueue = presenceId.equals(onQueueId);
            String status = onQueue ? (busy ? "INTERACTING" : "IDLE") : "OFF_QUEUE";
            return new State(presenceId, now, status, status.equals(old.routingStatus()) ? old.routingSince() : now);
        });
        published(userId, before, after);
    }

    void setRoutingStatus(String userId, String status) {
        Instant now = Instant.now();
        State before = states.get(userId);
        State after = states.computeIfPresent(userId, (id, old) -> new State(old.presenceId(), old.presenceSince(), status,
                status.equals(old.routingStatus()) ? old.routingSince() : now));
        published(userId, before, after);
    }

    /** The agents' conversations changed: their routing status follows what they are handling now. */
    void follow(@Observes AgentsChanged changed) {
        Set<String> busy = conversations.busyAgents();
        Instant now = Instant.now();
        for (String userId : changed.userIds()) {
            State before = states.get(userId);
            if (before == null) {
                continue;
            }
            // Routing (and so INTERACTING) is for agents on queue; an agent who left the queue mid-call is OFF_QUEUE.
            String status = !before.presenceId().equals(onQueueId) ? "OFF_QUEUE"
                    : busy.contains(userId) ? "INTERACTING" : "IDLE";
            if (!status.equals(before.routingStatus())) {
                State after = new State(before.presenceId(), before.presenceSince(), status, now);
                states.put(userId, after);
                published(userId, before, after);
            }
        }
    }

    /** The user topics of a change, as Genesys publishes them (event bodies of the 198.1.0 topic models). */
    private void published(String userId, State before, State after) {
        if (before == null || after == null || before.equals(after)) {
            return;
        }
        String topic = "v2.users." + userId;
        Map<String, Object> definition = presenceDefinition(after.presenceId());
        ObjectNode definitionRef = mapper.createObjectNode().put("id", after.presenceId())
                .put("systemPresence", (String) definition.get("systemPresence"));
        if (!before.presenceId().equals(after.presenceId()) || !before.presenceSince().equals(after.presenceSince())) {
            ObjectNode presence = mapper.createObjectNode().put("source", "PURECLOUD");
            presence.set("presenceDefinition", definitionRef.deepCopy());
            presence.put("primary", true).put("message", "").put("modifiedDate", after.presenceSince().toString());
            hub.publish(topic + ".presence", presence);
        }
        ObjectNode routing = mapper.createObjectNode().put("status", after.routingStatus())
                .put("startTime", after.routingSince().toString());
        if (!before.routingStatus().equals(after.routingStatus())) {
            ObjectNode event = mapper.createObjectNode().put("id", userId);
            event.set("routingStatus", routing.deepCopy());
            hub.publish(topic + ".routingStatus", event);
        }
        ObjectNode activity = mapper.createObjectNode().put("id", userId);
        activity.set("routingStatus", routing);
        ObjectNode presence = activity.putObject("presence");
        presence.set("presenceDefinition", definitionRef);
        presence.put("presenceMessage", "").put("modifiedDate", after.presenceSince().toString());
        activity.putObject("outOfOffice").put("active", false);
        var active = activity.putArray("activeQueueIds");
        members.forEach((queueId, queueMembers) -> {
            if (Boolean.TRUE.equals(queueMembers.get(userId))) {
                active.add(queueId);
            }
        });
        hub.publish(topic + ".activity", activity);
    }

    /** The Genesys {@code UserPresence} of a user. */
    Map<String, Object> presence(String userId) {
        State state = states.get(userId);
        Map<String, Object> definition = presenceDefinition(state.presenceId());
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("id", "PURECLOUD");
        presence.put("name", "PURECLOUD");
        presence.put("source", "PURECLOUD");
        presence.put("primary", true);
        presence.put("presenceDefinition", Map.of("id", definition.get("id"), "systemPresence",
                definition.get("systemPresence"), "selfUri", definition.get("selfUri")));
        presence.put("message", "");
        presence.put("modifiedDate", state.presenceSince().toString());
        presence.put("selfUri", "/api/v2/users/" + userId + "/presences/purecloud");
        return presence;
    }

    /** The Genesys {@code RoutingStatus} of a user; OFF_QUEUE for an unknown one, as Genesys answers. */
    Map<String, Object> routingStatus(String userId) {
        State state = states.get(userId);
        return Map.of("userId", userId, "status", state == null ? "OFF_QUEUE" : state.routingStatus(),
                "startTime", (state == null ? Instant.EPOCH : state.routingSince()).toString());
    }
}
