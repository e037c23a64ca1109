package io.gcgateway.simulator.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seeded conversation, stored compactly; its Genesys details shape (participants, sessions, segments, metrics)
 * is built on demand. All durations in milliseconds, and consistent: {@code tHandle = tTalk + tHeld + tAcw}.
 *
 * @param tIvr time in the IVR before queueing (inbound voice)
 * @param tAcd time waiting in queue
 * @param tAlert time the agent was alerted before answering (0 when abandoned)
 * @param holdAt offset into the talk time at which the hold starts (when {@code tHeld > 0})
 */
record SimConversation(String id, long start, String mediaType, String direction, String divisionId, String queueId,
        String userId, String wrapUpCode, long tIvr, long tAcd, long tAlert, long tTalk, long tHeld, long holdAt,
        long tAcw, String ani, String dnis) {

    boolean abandoned() {
        return userId == null;
    }

    long end() {
        return start + tIvr + tAcd + tAlert + tTalk + tHeld + tAcw;
    }

    long tHandle() {
        return abandoned() ? 0 : tTalk + tHeld + tAcw;
    }

    /** Conversation-level metric values, as summed over its sessions; absent metrics are not in the map. */
    Map<String, Long> metrics() {
        Map<String, Long> metrics = new LinkedHashMap<>();
        metrics.put("nOffered", 1L);
        metrics.put("tAcd", tAcd);
        if (abandoned()) {
            metrics.put("tAbandon", tAcd);
            return metrics;
        }
        metrics.put("nConnected", 1L);
        metrics.put("tAlert", tAlert);
        metrics.put("tAnswered", tAcd + tAlert);
        metrics.put("tTalk", tTalk);
        metrics.put("tTalkComplete", tTalk);
        if (tHeld > 0) {
            metrics.put("tHeld", tHeld);
            metrics.put("tHeldComplete", tHeld);
        }
        metrics.put("tAcw", tAcw);
        metrics.put("tHandle", tHandle());
        return metrics;
    }

    /** The details-query JSON shape of this conversation ({@code AnalyticsConversationWithoutAttributes}). */
    Map<String, Object> details() {
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("conversationId", id);
        conversation.put("conversationStart", iso(start));
        conversation.put("conversationEnd", iso(end()));
        conversation.put("originatingDirection", direction);
        conversation.put("divisionIds", List.of(divisionId));
        if ("voice".equals(mediaType)) {
            conversation.put("mediaStatsMinConversationMos", 4.1 + (Math.abs(id.hashCode()) % 40) / 100.0);
        }
        List<Map<String, Object>> participants = new ArrayList<>();
        for (Segment.Participant participant : Segment.participants(this)) {
            participants.add(participant.json(this));
        }
        conversation.put("participants", participants);
        return conversation;
    }

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Genesys writes instants with milliseconds, in UTC: {@code 2024-05-13T09:12:03.511Z}. */
    static String iso(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
}
