package io.gcgateway.simulator.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gcgateway.simulator.conversations.LiveConversation;
import io.gcgateway.simulator.conversations.LiveConversationStore;
import jakarta.inject.Singleton;

/**
 * Queue observations computed from the simulator's live state: conversations waiting in, alerting from and
 * interacting on each queue (with the waiting conversations listed when asked), and the queue's members by routing
 * status and presence. Rows with a zero count are left out, as Genesys does. Used by the observation query and the
 * {@code v2.analytics.queues.{id}.observations} topic.
 */
@Singleton
public class LiveQueueObservations {
    private final SimulatorDirectory directory;
    private final LiveConversationStore conversations;

    LiveQueueObservations(SimulatorDirectory directory, LiveConversationStore conversations) {
        this.directory = directory;
        this.conversations = conversations;
    }

    /** The query's results of one queue (one group without and one with the media type); null for an unknown queue. */
    List<Map<String, Object>> results(String queueId, Set<String> metrics, boolean waitingDetails) {
        Map<String, Boolean> members = directory.members(queueId);
        if (members == null) {
            return null;
        }
        return List.of(Map.of("group", Map.of("queueId", queueId), "data", userData(members, metrics)),
                Map.of("group", Map.of("queueId", queueId, "mediaType", "voice"),
                        "data", conversationData(queueId, conversations.snapshot(), metrics, waitingDetails)));
    }

    private List<Map<String, Object>> userData(Map<String, Boolean> members, Set<String> metrics) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        Map<String, Integer> byPresence = new LinkedHashMap<>();
        int onQueue = 0;
        int joined = 0;
        for (Map.Entry<String, Boolean> member : members.entrySet()) {
            SimulatorDirectory.State state = directory.state(member.getKey());
            if (state == null) {
                continue;
            }
            String presence = upperSnake((String) directory.presenceDefinition(state.presenceId()).get("systemPresence"));
            byPresence.merge(presence, 1, Integer::sum);
            if (member.getValue()) {
                joined++;
                if (presence.equals("ON_QUEUE")) {
                    onQueue++;
                    byStatus.merge(state.routingStatus(), 1, Integer::sum);
                }
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        count(data, metrics, "oMemberUsers", null, members.size());
        count(data, metrics, "oActiveUsers", null, joined);
        count(data, metrics, "oOnQueueUsers", null, onQueue);
        count(data, metrics, "oOffQueueUsers", null, joined - onQueue);
        byStatus.forEach((status, n) -> count(data, metrics, "oUserRoutingStatuses", status, n));
        // oOnQueueUsers by routing status, the qualifier real responses carry for it.
        byStatus.forEach((status, n) -> count(data, metrics, "oOnQueueUsers", status, n));
        byPresence.forEach((presence, n) -> count(data, metrics, "oUserPresences", presence, n));
        return data;
    }

    private static List<Map<String, Object>> conversationData(String queueId, List<LiveConversation> live,
            Set<String> metrics, boolean waitingDetails) {
        List<Map<String, Object>> waitingObservations = new ArrayList<>();
        int alerting = 0;
        int interacting = 0;
        for (LiveConversation conversation : live) {
            LiveConversation.Participant acd = null;
            String agentState = null;
            for (LiveConversation.Participant participant : conversation.participants) {
                if (participant.endTime != null) {
                    continue;
                }
                if ("acd".equals(participant.purpose) && queueId.equals(participant.queueId)) {
                    acd = participant;
                } else if ("agent".equals(participant.purpose) && !participant.calls.isEmpty()) {
                    agentState = participant.calls.get(0).state;
                }
            }
            if (acd == null && (agentState == null || !conversationOnQueue(conversation, queueId))) {
                continue;
            }
            if ("alerting".equals(agentState)) {
                alerting++;
            }
            if ("connected".equals(agentState)) {
                interacting++;
            } else if (acd != null) {
                waitingObservations.add(Map.of("observationDate", acd.startTime, "conversationId", conversation.id,
                        "direction", "inbound", "routingPriority", 0));
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        if (metrics.contains("oWaiting") && !waitingObservations.isEmpty()) {
            Map<String, Object> waiting = new LinkedHashMap<>(row("oWaiting", null, waitingObservations.size()));
            if (waitingDetails) {
                waitingObservations.sort((a, b) -> Instant.parse((String) a.get("observationDate"))
                        .compareTo(Instant.parse((String) b.get("observationDate"))));
                waiting.put("truncated", false);
                waiting.put("observations", waitingObservations);
            }
            data.add(waiting);
        }
        count(data, metrics, "oAlerting", null, alerting);
        count(data, metrics, "oInteracting", null, interacting);
        return data;
    }

    private static boolean conversationOnQueue(LiveConversation conversation, String queueId) {
        return conversation.participants.stream().anyMatch(p -> "acd".equals(p.purpose) && queueId.equals(p.queueId));
    }

    private static void count(List<Map<String, Object>> data, Set<String> metrics, String metric, String qualifier, int n) {
        if (metrics.contains(metric) && n > 0) {
            data.add(row(metric, qualifier, n));
        }
    }

    private static Map<String, Object> row(String metric, String qualifier, int n) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric", metric);
        if (qualifier != null) {
            row.put("qualifier", qualifier);
        }
        row.put("stats", Map.of("count", n));
        return row;
    }

    /** {@code OnQueue} → {@code ON_QUEUE}: the analytics spelling of system presences. */
    static String upperSnake(String systemPresence) {
        return systemPresence.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }
}
