package io.gcgateway.analytics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.gcgateway.analytics.AnalyticsTypes.Conversation;
import io.gcgateway.analytics.AnalyticsTypes.ConversationParticipant;
import io.gcgateway.analytics.GenesysAnalytics.Metric;
import io.gcgateway.analytics.GenesysAnalytics.Participant;
import io.gcgateway.analytics.GenesysAnalytics.Segment;
import io.gcgateway.analytics.GenesysAnalytics.Session;

/** Flattens the nested Genesys conversation (participants → sessions → segments/metrics) into one row. */
final class ConversationMapper {
    private ConversationMapper() {
    }

    static Conversation flatten(GenesysAnalytics.Conversation c) {
        Set<String> queueIds = new LinkedHashSet<>();
        Set<String> userIds = new LinkedHashSet<>();
        Set<String> wrapUpCodes = new LinkedHashSet<>();
        List<ConversationParticipant> participants = new ArrayList<>();
        long handle = 0;
        long talk = 0;
        long hold = 0;
        long wait = 0;
        boolean handled = false;
        String mediaType = null;
        for (Participant p : nullSafe(c.participants())) {
            String participantQueue = null;
            if (p.userId() != null && "agent".equals(p.purpose())) {
                userIds.add(p.userId());
            }
            for (Session s : nullSafe(p.sessions())) {
                if (mediaType == null) {
                    mediaType = s.mediaType();
                }
                for (Metric m : nullSafe(s.metrics())) {
                    switch (m.name()) {
                        case "tHandle" -> {
                            handle += m.value();
                            handled = true;
                        }
                        case "tTalk" -> talk += m.value();
                        case "tHeld" -> hold += m.value();
                        case "tAcd" -> wait += m.value();
                        default -> {
                        }
                    }
                }
                for (Segment segment : nullSafe(s.segments())) {
                    if (segment.queueId() != null) {
                        queueIds.add(segment.queueId());
                        participantQueue = participantQueue == null ? segment.queueId() : participantQueue;
                    }
                    if (segment.wrapUpCode() != null) {
                        wrapUpCodes.add(segment.wrapUpCode());
                    }
                }
            }
            participants.add(new ConversationParticipant(p.purpose(), p.userId(), participantQueue));
        }
        Long duration = c.conversationEnd() == null ? null
                : c.conversationEnd().toEpochMilli() - c.conversationStart().toEpochMilli();
        return new Conversation(c.conversationId(), c.conversationStart(), c.conversationEnd(),
                Direction.fromGenesys(c.originatingDirection()), MediaType.fromGenesys(mediaType), duration,
                handled ? handle : null, handled ? talk : null, handled ? hold : null, wait,
                List.copyOf(queueIds), List.copyOf(userIds), List.copyOf(wrapUpCodes), participants);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
