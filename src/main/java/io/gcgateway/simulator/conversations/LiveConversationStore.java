package io.gcgateway.simulator.conversations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.SeededIds;
import io.gcgateway.simulator.SimulatorException;
import io.gcgateway.simulator.analytics.ConversationDataSet;
import io.gcgateway.simulator.control.SimulatorSettings;
import io.gcgateway.simulator.conversations.LiveConversation.AfterCallWork;
import io.gcgateway.simulator.conversations.LiveConversation.Call;
import io.gcgateway.simulator.conversations.LiveConversation.Participant;
import io.gcgateway.simulator.conversations.LiveConversation.Transfer;
import io.gcgateway.simulator.conversations.LiveConversation.Wrapup;
import io.gcgateway.simulator.notifications.NotificationHub;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Live voice conversations and the commands that change them, as Genesys runs them: a command is checked when it
 * arrives (an impossible one answers 400 with the Genesys error body), answered 202, and takes effect a moment later
 * (the configurable command delay), when it is checked again against the state of that moment. Each change is
 * published on the notification topics a real org would use: the queue and user conversation topics (full
 * snapshots) and the conversation's detail events.
 */
@ApplicationScoped
public class LiveConversationStore {
    static final int SEEDED = 12;
    static final String SYSTEM_WRAPUP = "ININ-WRAP-UP-TIMEOUT";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(LiveConversationStore.class);

    /** What a test asks for when it creates a conversation: a customer on a queue, talking to (or rung at) an agent. */
    public record NewConversation(String queueId, String userId, String agentState) {
    }

    /** A lifecycle detail event: {@code v2.detail.events.conversation.{id}.<event>}. */
    private record Detail(String event, Participant participant, String extra, String value) {
    }

    private final Map<String, LiveConversation> conversations = new ConcurrentHashMap<>();
    private final ConversationDataSet dataSet;
    private final SeededIds ids;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final SimulatorSettings settings;
    private final NotificationHub hub;
    private final Event<AgentsChanged> agentsChanged;

    LiveConversationStore(ConversationDataSet dataSet, SeededIds ids, ObjectMapper mapper, Vertx vertx,
            SimulatorSettings settings, NotificationHub hub, Event<AgentsChanged> agentsChanged) {
        this.dataSet = dataSet;
        this.ids = ids;
        this.mapper = mapper;
        this.vertx = vertx;
        this.settings = settings;
        this.hub = hub;
        this.agentsChanged = agentsChanged;
        seed();
    }

    /** Back to the seeded conversations; every agent's routing status follows. */
    public void reset() {
        seed();
        agentsChanged.fire(new AgentsChanged(Set.copyOf(dataSet.userIds())));
    }

    private void seed() {
        conversations.clear();
        List<String> queues = dataSet.queueIds();
        List<String> users = dataSet.userIds();
        Instant now = Instant.now();
        for (int i = 0; i < SEEDED; i++) {
            String state = i % 3 == 1 ? "alerting" : "connected";
            LiveConversation conversation = build(ids.uuid("live-conversation", i), queues.get(i % queues.size()),
                    users.get(i % users.size()), state, now.minusSeconds(60L + i * 30L), i);
            if (i % 3 == 2) {
                conversation.participants.get(2).calls.get(0).held = true;
                conversation.participants.get(2).calls.get(0).startHoldTime = TIME.format(now.minusSeconds(20));
            }
            conversations.put(conversation.id, conversation);
        }
    }

    public LiveConversation create(NewConversation request) {
        String queueId = request.queueId() == null ? dataSet.queueIds().get(0) : request.queueId();
        String userId = request.userId() == null ? dataSet.userIds().get(0) : request.userId();
        String agentState = request.agentState() == null ? "connected" : request.agentState();
        if (!dataSet.queueIds().contains(queueId) || !dataSet.userIds().contains(userId)
                || !Set.of("connected", "alerting", "waiting").contains(agentState)) {
            throw SimulatorException.badRequest(
                    "queueId and userId must be seeded ones; agentState connected, alerting or waiting (no agent yet)");
        }
        LiveConversation conversation = build(UUID.randomUUID().toString(), queueId, userId, agentState, Instant.now(),
                conversations.size());
        conversations.put(conversation.id, conversation);
        publish(conversation, List.of(new Detail("customer.start", conversation.participants.get(0), null, null)));
        return conversation;
    }

    private LiveConversation build(String id, String queueId, String userId, String agentState, Instant start, int n) {
        LiveConversation c = new LiveConversation();
        c.id = id;
        c.startTime = TIME.format(start);
        c.address = "tel:+1800555" + String.format("%04d", n % 10_000);
        c.recordingState = "ACTIVE";
        c.selfUri = "/api/v2/conversations/" + id;
        Participant customer = participant(id, "customer", start);
        customer.address = "tel:+1555" + String.format("%07d", (Math.abs(id.hashCode()) % 10_000_000));
        customer.calls.add(call(id + "-c", "connected", start));
        Participant acd = participant(id, "acd", start);
        acd.queueId = queueId;
        if ("waiting".equals(agentState)) {
            // In queue: the ACD holds the customer until an agent is offered the call.
            acd.calls.add(call(id + "-q", "connected", start));
            c.participants.addAll(List.of(customer, acd));
            refresh(c);
            return c;
        }
        Call acdCall = call(id + "-q", "disconnected", start);
        acdCall.disconnectedTime = TIME.format(start.plusSeconds(10));
        acdCall.disconnectType = "transfer";
        acd.calls.add(acdCall);
        acd.endTime = acdCall.disconnectedTime;
        Participant agent = agent(id, 0, userId, queueId, agentState, start.plusSeconds(10));
        c.participants.addAll(List.of(customer, acd, agent));
        refresh(c);
        return c;
    }

    private Participant agent(String conversationId, int n, String userId, String queueId, String state, Instant start) {
        Participant agent = participant(conversationId, "agent", start);
        agent.id = conversationId.substring(0, 8) + "-agent-" + n + "-" + userId.substring(0, 8);
        agent.userId = userId;
        agent.queueId = queueId;
        agent.wrapupRequired = true;
        agent.wrapupPrompt = "mandatory";
        agent.wrapupTimeoutMs = 60_000L;
        Call call = call(agent.id + "-call", state, start);
        call.afterCallWorkRequired = true;
        agent.calls.add(call);
        return agent;
    }

    private Participant participant(String conversationId, String purpose, Instant start) {
        Participant p = new Participant();
        p.id = conversationId.substring(0, 8) + "-" + purpose;
        p.purpose = purpose;
        p.startTime = TIME.format(start);
        p.connectedTime = p.startTime;
        return p;
    }

    private Call call(String id, String state, Instant start) {
        Call call = new Call();
        call.id = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
        call.state = state;
        call.direction = "inbound";
        call.recording = true;
        call.recordingState = "active";
        if ("connected".equals(state)) {
            call.connectedTime = TIME.format(start);
        }
        return call;
    }

    /** The live conversations now (for real-time observations; read them, do not change them). */
    public List<LiveConversation> snapshot() {
        return List.copyOf(conversations.values());
    }

    /** The agents handling a conversation now: alerting, connected, or in after-call work not yet wrapped up. */
    public Set<String> busyAgents() {
        Set<String> busy = new LinkedHashSet<>();
        for (LiveConversation c : conversations.values()) {
            synchronized (c) {
                for (Participant p : c.participants) {
                    if (!"agent".equals(p.purpose) || p.userId == null || p.calls.isEmpty()) {
                        continue;
                    }
                    Call call = firstCall(p);
                    boolean afterCallWork = call.afterCallWork != null && "pending".equals(call.afterCallWork.state);
                    if (live(call) || afterCallWork) {
                        busy.add(p.userId);
                    }
                }
            }
        }
        return busy;
    }

    /** Forgets an ended conversation (the simulator's own traffic keeps the store bounded with it). */
    public void forget(String conversationId) {
        conversations.computeIfPresent(conversationId, (id, c) -> "disconnected".equals(c.state) ? null : c);
    }

    public Map<String, List<String>> directory() {
        return Map.of("queueIds", dataSet.queueIds(), "userIds", dataSet.userIds(), "wrapUpCodes", dataSet.wrapUpCodes());
    }

    // --- reads ---------------------------------------------------------------------------------------------------

    public ObjectNode read(String conversationId) {
        LiveConversation c = find(conversationId);
        synchronized (c) {
            return mapper.valueToTree(c);
        }
    }

    public List<ObjectNode> wrapupCodes(String conversationId, String participantId) {
        LiveConversation c = find(conversationId);
        synchronized (c) {
            participant(c, participantId);
        }
        List<ObjectNode> codes = new ArrayList<>();
        List<String> all = dataSet.wrapUpCodes();
        for (int i = 0; i < all.size(); i++) {
            codes.add(mapper.createObjectNode().put("id", all.get(i)).put("name", ConversationDataSet.wrapUpName(i))
                    .put("selfUri", "/api/v2/routing/wrapupcodes/" + all.get(i)));
        }
        return codes;
    }

    // --- commands (checked now, applied after the command delay) -------------------------------------------------

    /** {@code MediaParticipantRequest}: state (connected/disconnected), held, muted, recording, wrapup. */
    public void patchParticipant(String conversationId, String participantId, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw SimulatorException.badRequest("A MediaParticipantRequest body is required");
        }
        String state = body.path("state").asText(null);
        if (state != null && !Set.of("connected", "disconnected").contains(state)) {
            throw SimulatorException.badRequest("state may only be connected or disconnected");
        }
        command(conversationId, c -> {
            Participant p = participant(c, participantId);
            Call call = firstCall(p);
            List<Supplier<List<Detail>>> steps = new ArrayList<>();
            if ("disconnected".equals(state)) {
                requireLive(call, "disconnect");
                steps.add(() -> endCall(c, p, "client"));
            } else if ("connected".equals(state)) {
                if (!"alerting".equals(call.state) && !"connected".equals(call.state)) {
                    throw SimulatorException.badRequest("Only an alerting communication can be connected; it is " + call.state);
                }
                steps.add(() -> {
                    if ("alerting".equals(call.state)) {
                        call.state = "connected";
                        call.connectedTime = now();
                        return List.of(new Detail("user.start", p, null, null));
                    }
                    return List.of();
                });
            }
            flag(body, "held", call, steps, () -> {
                call.held = body.get("held").asBoolean();
                call.startHoldTime = call.held ? now() : null;
            });
            flag(body, "muted", call, steps, () -> call.muted = body.get("muted").asBoolean());
            flag(body, "recording", call, steps, () -> {
                call.recording = body.get("recording").asBoolean();
                call.recordingState = call.recording ? "active" : "paused";
            });
            flag(body, "confined", call, steps, () -> call.confined = body.get("confined").asBoolean());
            if (body.hasNonNull("wrapup")) {
                Supplier<List<Detail>> wrap = wrapupStep(p, call, body.get("wrapup"));
                steps.add(wrap);
            }
            if (steps.isEmpty()) {
                throw SimulatorException.badRequest("The request changes nothing");
            }
            return () -> {
                List<Detail> details = new ArrayList<>();
                steps.forEach(step -> details.addAll(step.get()));
                return details;
            };
        });
    }

    /** {@code POST .../communications/{commId}/wrapup} with a {@code WrapupInput}. */
    public void wrapup(String conversationId, String participantId, String communicationId, JsonNode body) {
        command(conversationId, c -> {
            Participant p = participant(c, participantId);
            Call call = p.calls.stream().filter(candidate -> candidate.id.equals(communicationId)).findFirst()
                    .orElseThrow(() -> SimulatorException.notFound("Communication " + communicationId + " not found"));
            return wrapupStep(p, call, body);
        });
    }

    /** {@code POST /api/v2/conversations/{id}/participants/{pid}/replace/queue} ({@code TransferToQueueRequest}). */
    public void replaceWithQueue(String conversationId, String participantId, JsonNode body) {
        String queueId = body == null ? null : body.path("queueId").asText(null);
        if (queueId == null || !dataSet.queueIds().contains(queueId)) {
            throw SimulatorException.badRequest("queueId must be an existing queue");
        }
        command(conversationId, c -> {
            Participant p = transferable(c, participantId);
            return () -> {
                List<Detail> details = new ArrayList<>(endOne(c, p, "transfer"));
                Participant acd = participant(c.id, "acd", Instant.now());
                acd.id = c.id.substring(0, 8) + "-acd-" + c.participants.size();
                acd.queueId = queueId;
                acd.calls.add(call(acd.id, "connected", Instant.now()));
                c.participants.add(acd);
                c.recentTransfers.add(transfer(body, null, queueId));
                details.add(new Detail("acd.start", acd, null, null));
                return details;
            };
        });
    }

    /** {@code POST /api/v2/conversations/{id}/participants/{pid}/replace/agent} ({@code TransferToAgentRequest}). */
    public void replaceWithAgent(String conversationId, String participantId, JsonNode body) {
        String userId = body == null ? null : body.path("userId").asText(null);
        if (userId == null || !dataSet.userIds().contains(userId)) {
            throw SimulatorException.badRequest("userId must be an existing user");
        }
        command(conversationId, c -> {
            Participant p = transferable(c, participantId);
            if (userId.equals(p.userId)) {
                throw SimulatorException.badRequest("The conversation is already with that user");
            }
            return () -> {
                List<Detail> details = new ArrayList<>(endOne(c, p, "transfer"));
                Participant next = agent(c.id, c.participants.size(), userId, p.queueId, "alerting", Instant.now());
                c.participants.add(next);
                c.recentTransfers.add(transfer(body, userId, null));
                details.add(new Detail("user.start", next, null, null));
                return details;
            };
        });
    }

    /** {@code POST /api/v2/conversations/{id}/disconnect}: every communication ends and agents get a system wrap-up. */
    public void disconnect(String conversationId) {
        command(conversationId, c -> {
            if (c.participants.stream().flatMap(p -> p.calls.stream()).noneMatch(LiveConversationStore::live)) {
                throw SimulatorException.badRequest("The conversation is already disconnected");
            }
            return () -> {
                List<Detail> details = new ArrayList<>();
                for (Participant p : c.participants) {
                    Call call = firstCall(p);
                    if (live(call)) {
                        details.addAll(endOne(c, p, "system"));
                    }
                    if (call.afterCallWork != null && "pending".equals(call.afterCallWork.state)) {
                        Wrapup system = new Wrapup();
                        system.code = SYSTEM_WRAPUP;
                        system.name = SYSTEM_WRAPUP;
                        system.endTime = now();
                        p.wrapup = system;
                        call.afterCallWork.state = "complete";
                        call.afterCallWork.endTime = now();
                        details.add(new Detail("wrapup", p, "wrapupCode", SYSTEM_WRAPUP));
                    }
                }
                return details;
            };
        });
    }

    /**
     * Checks {@code plan} now (an impossible command throws, answering 400/404), then runs it again after the
     * command delay: if the conversation changed in between so that it is no longer possible, it is dropped, as a
     * real asynchronous command would be.
     */
    private void command(String conversationId, Function<LiveConversation, Supplier<List<Detail>>> plan) {
        LiveConversation c = find(conversationId);
        synchronized (c) {
            plan.apply(c);
        }
        long delay = Math.max(1, settings.conversationCommandDelay().toMillis());
        vertx.setTimer(delay, ignored -> {
            List<Detail> details;
            synchronized (c) {
                try {
                    details = plan.apply(c).get();
                } catch (SimulatorException e) {
                    LOG.debugf("Dropped a command that is no longer possible: %s", e.getMessage());
                    return;
                }
                refresh(c);
            }
            publish(c, details);
        });
    }

    private Supplier<List<Detail>> wrapupStep(Participant p, Call call, JsonNode body) {
        if (!"agent".equals(p.purpose) || !Boolean.TRUE.equals(p.wrapupRequired)) {
            throw SimulatorException.badRequest("This participant has no after-call work");
        }
        if (live(call)) {
            throw SimulatorException.badRequest("Wrap-up is after-call work: the communication is still " + call.state);
        }
        if (call.afterCallWork == null || !"pending".equals(call.afterCallWork.state)) {
            throw SimulatorException.badRequest("After-call work is already complete");
        }
        String code = body == null ? null : body.path("code").asText(null);
        int index = code == null ? -1 : dataSet.wrapUpCodes().indexOf(code);
        if (index < 0) {
            throw SimulatorException.badRequest("Invalid wrap-up code: it is not one of the participant's wrap-up codes");
        }
        return () -> {
            Wrapup wrapup = new Wrapup();
            wrapup.code = code;
            wrapup.name = ConversationDataSet.wrapUpName(index);
            wrapup.notes = body.path("notes").asText(null);
            if (body.path("tags").isArray()) {
                wrapup.tags = new ArrayList<>();
                body.path("tags").forEach(tag -> wrapup.tags.add(tag.asText()));
            }
            wrapup.durationSeconds = body.hasNonNull("durationSeconds") ? body.get("durationSeconds").asInt() : null;
            wrapup.endTime = now();
            p.wrapup = wrapup;
            call.afterCallWork.state = "complete";
            call.afterCallWork.endTime = now();
            return List.of(new Detail("acw", p, null, null), new Detail("wrapup", p, "wrapupCode", code));
        };
    }

    private static void flag(JsonNode body, String name, Call call, List<Supplier<List<Detail>>> steps, Runnable change) {
        if (!body.hasNonNull(name)) {
            return;
        }
        if (!body.get(name).isBoolean()) {
            throw SimulatorException.badRequest(name + " must be a boolean");
        }
        if (!"connected".equals(call.state)) {
            throw SimulatorException.badRequest("Cannot change " + name + ": the communication is " + call.state + ", not connected");
        }
        steps.add(() -> {
            change.run();
            return List.of();
        });
    }

    /** Ends a call; for a customer or an agent the whole two-party call ends with it. */
    private List<Detail> endCall(LiveConversation c, Participant p, String disconnectType) {
        List<Detail> details = new ArrayList<>(endOne(c, p, disconnectType));
        if ("customer".equals(p.purpose) || "agent".equals(p.purpose)) {
            for (Participant other : c.participants) {
                if (other != p && live(firstCall(other))) {
                    details.addAll(endOne(c, other, "peer"));
                }
            }
        }
        return details;
    }

    /** Ends one participant's call (agents enter after-call work when they must wrap up). */
    private List<Detail> endOne(LiveConversation c, Participant p, String disconnectType) {
        Call call = firstCall(p);
        if (!live(call)) {
            return List.of();
        }
        call.state = "disconnected";
        call.held = false;
        call.startHoldTime = null;
        call.disconnectedTime = now();
        call.disconnectType = disconnectType;
        p.endTime = call.disconnectedTime;
        List<Detail> details = new ArrayList<>();
        if ("agent".equals(p.purpose)) {
            details.add(new Detail("user.end", p, "disconnectType", disconnectType));
            if (Boolean.TRUE.equals(p.wrapupRequired)) {
                call.afterCallWork = new AfterCallWork();
                call.afterCallWork.state = "pending";
                call.afterCallWork.startTime = now();
            }
        } else if ("customer".equals(p.purpose)) {
            details.add(new Detail("customer.end", p, "disconnectType", disconnectType));
        } else if ("acd".equals(p.purpose)) {
            details.add(new Detail("acd.end", p, "disconnectType", disconnectType));
        }
        return details;
    }

    private Participant transferable(LiveConversation c, String participantId) {
        Participant p = participant(c, participantId);
        if (!"agent".equals(p.purpose)) {
            throw SimulatorException.badRequest("Only an agent participant can be replaced by a transfer");
        }
        Call call = firstCall(p);
        if (!"connected".equals(call.state)) {
            throw SimulatorException.badRequest("Cannot transfer: the communication is " + call.state + ", not connected");
        }
        return p;
    }

    private Transfer transfer(JsonNode body, String userId, String queueId) {
        Transfer transfer = new Transfer();
        transfer.id = UUID.randomUUID().toString();
        transfer.state = "Complete";
        transfer.transferType = body.path("transferType").asText("Unattended");
        transfer.dateIssued = now();
        transfer.destinationUserId = userId;
        transfer.destinationQueueId = queueId;
        return transfer;
    }

    private static void requireLive(Call call, String what) {
        if (!live(call)) {
            throw SimulatorException.badRequest("Cannot " + what + ": the communication is already " + call.state);
        }
    }

    private static boolean live(Call call) {
        return Set.of("alerting", "dialing", "contacting", "offering", "connected").contains(call.state);
    }

    private static Call firstCall(Participant p) {
        return p.calls.get(0);
    }

    private static void refresh(LiveConversation c) {
        boolean live = c.participants.stream().map(LiveConversationStore::firstCall).anyMatch(LiveConversationStore::live);
        c.state = live ? "connected" : "disconnected";
        if (!live && c.endTime == null) {
            c.endTime = now();
        }
        while (c.recentTransfers.size() > 20) {
            c.recentTransfers.remove(0);
        }
    }

    private LiveConversation find(String conversationId) {
        LiveConversation c = conversationId == null ? null : conversations.get(conversationId);
        if (c == null) {
            throw SimulatorException.notFound("Conversation " + conversationId + " not found");
        }
        return c;
    }

    private static Participant participant(LiveConversation c, String participantId) {
        return c.participants.stream().filter(p -> p.id.equals(participantId)).findFirst()
                .orElseThrow(() -> SimulatorException.notFound("Participant " + participantId + " not found"));
    }

    private static String now() {
        return TIME.format(Instant.now());
    }

    // --- notifications -------------------------------------------------------------------------------------------

    private void publish(LiveConversation c, List<Detail> details) {
        ObjectNode snapshot;
        Set<String> queues = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        synchronized (c) {
            snapshot = mapper.valueToTree(c);
            snapshot.remove("selfUri");
            for (Participant p : c.participants) {
                if (p.queueId != null) {
                    queues.add(p.queueId);
                }
                if (p.userId != null) {
                    users.add(p.userId);
                }
            }
        }
        queues.forEach(queue -> hub.publish("v2.routing.queues." + queue + ".conversations", snapshot));
        users.forEach(user -> hub.publish("v2.users." + user + ".conversations", snapshot));
        if (!users.isEmpty()) {
            agentsChanged.fire(new AgentsChanged(Set.copyOf(users)));
        }
        for (Detail detail : details) {
            ObjectNode body = mapper.createObjectNode();
            body.put("eventTime", System.currentTimeMillis());
            body.put("conversationId", c.id);
            body.put("participantId", detail.participant().id);
            body.put("sessionId", firstCall(detail.participant()).id);
            body.put("mediaType", "VOICE");
            body.put("direction", "INBOUND");
            if (detail.participant().queueId != null) {
                body.put("queueId", detail.participant().queueId);
            }
            if (detail.participant().userId != null) {
                body.put("userId", detail.participant().userId);
            }
            if (detail.extra() != null) {
                body.put(detail.extra(), detail.value());
            }
            hub.publish("v2.detail.events.conversation." + c.id + "." + detail.event(), body);
        }
    }
}
