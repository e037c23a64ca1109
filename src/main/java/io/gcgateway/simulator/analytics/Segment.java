package io.gcgateway.simulator.analytics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A segment as filters see it: its own fields plus those of its session and participant (what Genesys calls the
 * segment-level dimensions: queueId, userId, mediaType, direction, purpose, segmentType, wrapUpCode, ...).
 */
record Segment(String purpose, String participantId, String userId, String queueId, String mediaType, String direction,
        String segmentType, long segmentStart, long segmentEnd, String wrapUpCode, String ani, String dnis) {

    /** Value of a segment-level dimension, or null when the segment does not have it. */
    Object dimension(String name) {
        return switch (name) {
            case "purpose" -> purpose;
            case "participantId" -> participantId;
            case "userId" -> userId;
            case "queueId" -> queueId;
            case "mediaType" -> mediaType;
            case "direction" -> direction;
            case "segmentType" -> segmentType;
            case "segmentStart" -> segmentStart;
            case "segmentEnd" -> segmentEnd;
            case "wrapUpCode" -> wrapUpCode;
            case "ani" -> ani;
            case "dnis" -> dnis;
            default -> throw new IllegalArgumentException(name);
        };
    }

    static final Set<String> DIMENSIONS = Set.of("purpose", "participantId", "userId", "queueId",
            "mediaType", "direction", "segmentType", "segmentStart", "segmentEnd", "wrapUpCode", "ani", "dnis");

    /** A participant with its single session and the segments of that session. */
    record Participant(String participantId, String purpose, String userId, String name, List<Segment> segments,
            Map<String, Long> metrics) {

        Map<String, Object> json(SimConversation c) {
            Map<String, Object> participant = new LinkedHashMap<>();
            participant.put("participantId", participantId);
            participant.put("purpose", purpose);
            if (name != null) {
                participant.put("participantName", name);
            }
            if (userId != null) {
                participant.put("userId", userId);
            }
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("sessionId", participantId.replace("p-", "s-"));
            session.put("mediaType", c.mediaType());
            session.put("direction", c.direction());
            if (c.ani() != null) {
                session.put("ani", c.ani());
                session.put("dnis", c.dnis());
            }
            if (!metrics.isEmpty()) {
                List<Map<String, Object>> metricList = new ArrayList<>();
                String emitDate = SimConversation.iso(segments.get(segments.size() - 1).segmentEnd());
                metrics.forEach((metric, value) -> metricList.add(Map.of("name", metric, "value", value, "emitDate", emitDate)));
                session.put("metrics", metricList);
            }
            List<Map<String, Object>> segmentList = new ArrayList<>();
            for (Segment s : segments) {
                Map<String, Object> segment = new LinkedHashMap<>();
                segment.put("segmentStart", SimConversation.iso(s.segmentStart()));
                segment.put("segmentEnd", SimConversation.iso(s.segmentEnd()));
                segment.put("segmentType", s.segmentType());
                if (s.queueId() != null) {
                    segment.put("queueId", s.queueId());
                }
                if (s.wrapUpCode() != null) {
                    segment.put("wrapUpCode", s.wrapUpCode());
                }
                if ("wrapup".equals(s.segmentType()) || ("customer".equals(purpose) && s == segments.get(segments.size() - 1))) {
                    segment.put("disconnectType", "customer".equals(purpose) ? "peer" : "client");
                }
                segmentList.add(segment);
            }
            session.put("segments", segmentList);
            participant.put("sessions", List.of(session));
            return participant;
        }
    }

    /** Builds customer, acd and (when answered) agent participants with segments that agree with the metrics. */
    static List<Participant> participants(SimConversation c) {
        String md = c.mediaType();
        String dir = c.direction();
        long queued = c.start() + c.tIvr();
        long answered = queued + c.tAcd() + c.tAlert();
        long customerEnd = c.abandoned() ? queued + c.tAcd() : answered + c.tTalk() + c.tHeld();
        String pc = "p-" + c.id().substring(0, 8);

        List<Segment> customer = new ArrayList<>();
        if (c.tIvr() > 0) {
            customer.add(new Segment("customer", pc + "-c", null, null, md, dir, "ivr", c.start(), queued, null, c.ani(), c.dnis()));
        }
        customer.add(new Segment("customer", pc + "-c", null, null, md, dir, "interact", queued, customerEnd, null, c.ani(), c.dnis()));

        List<Segment> acd = List.of(new Segment("acd", pc + "-q", null, c.queueId(), md, dir, "interact", queued,
                queued + c.tAcd(), null, c.ani(), c.dnis()));
        Map<String, Long> acdMetrics = new LinkedHashMap<>();
        acdMetrics.put("nOffered", 1L);
        acdMetrics.put("tAcd", c.tAcd());
        if (c.abandoned()) {
            acdMetrics.put("tAbandon", c.tAcd());
        }

        List<Participant> participants = new ArrayList<>();
        participants.add(new Participant(pc + "-c", "customer", null, "Customer", customer, Map.of()));
        participants.add(new Participant(pc + "-q", "acd", null, null, acd, acdMetrics));
        if (!c.abandoned()) {
            List<Segment> agent = new ArrayList<>();
            long t = queued + c.tAcd();
            agent.add(seg(c, pc, "alert", t, t += c.tAlert(), null));
            if (c.tHeld() > 0) {
                agent.add(seg(c, pc, "interact", t, t += c.holdAt(), null));
                agent.add(seg(c, pc, "hold", t, t += c.tHeld(), null));
                agent.add(seg(c, pc, "interact", t, t += c.tTalk() - c.holdAt(), null));
            } else {
                agent.add(seg(c, pc, "interact", t, t += c.tTalk(), null));
            }
            agent.add(seg(c, pc, "wrapup", t, t + c.tAcw(), c.wrapUpCode()));
            Map<String, Long> agentMetrics = new LinkedHashMap<>(c.metrics());
            agentMetrics.remove("nOffered");
            agentMetrics.remove("tAcd");
            participants.add(new Participant(pc + "-a", "agent", c.userId(), null, agent, agentMetrics));
        }
        return participants;
    }

    private static Segment seg(SimConversation c, String pc, String type, long start, long end, String wrapUpCode) {
        return new Segment("agent", pc + "-a", c.userId(), c.queueId(), c.mediaType(), c.direction(), type, start, end,
                wrapUpCode, c.ani(), c.dnis());
    }
}
