package io.gcgateway.simulator.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.gcgateway.simulator.SeededIds;
import jakarta.inject.Singleton;

/**
 * The seeded analytics data set: {@value #CONVERSATIONS} conversations over the 30 UTC days ending with today,
 * with a working-hours profile, five media types, six queues, forty agents and wrap-up codes. Same seed and same
 * day, same data. Conversations that start after "now" exist but are not visible yet, as in a real org.
 */
@Singleton
public class ConversationDataSet {
    static final int CONVERSATIONS = 20_000;
    static final int DAYS = 30;

    static final String[] QUEUE_NAMES = { "Sales", "Support", "Billing", "Retention", "Technical", "VIP" };
    static final String[] WRAP_UP_NAMES = { "Resolved", "Follow-up required", "Refund issued", "Escalated",
            "Sale completed", "No answer needed", "Transferred", "Callback scheduled" };
    static final int AGENTS = 40;

    private final List<String> queueIds = new ArrayList<>();
    private final List<String> userIds = new ArrayList<>();
    private final List<String> wrapUpCodes = new ArrayList<>();
    private final List<String> divisionIds;
    private final SimConversation[] byStart;
    private final Map<String, SimConversation> byId = new HashMap<>();
    private final long[] starts;
    private final long firstDay;

    ConversationDataSet(SeededIds ids) {
        for (int i = 0; i < QUEUE_NAMES.length; i++) {
            queueIds.add(ids.uuid("queue", i));
        }
        for (int i = 0; i < AGENTS; i++) {
            userIds.add(ids.uuid("user", i));
        }
        for (int i = 0; i < WRAP_UP_NAMES.length; i++) {
            wrapUpCodes.add(ids.uuid("wrapupcode", i));
        }
        divisionIds = List.of(ids.uuid("division", 0), ids.uuid("division", 1));
        firstDay = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(DAYS - 1, ChronoUnit.DAYS).toEpochMilli();
        byStart = generate(ids.random("analytics-conversations"), ids);
        for (SimConversation conversation : byStart) {
            byId.put(conversation.id(), conversation);
        }
        starts = Arrays.stream(byStart).mapToLong(SimConversation::start).toArray();
    }

    private SimConversation[] generate(Random random, SeededIds ids) {
        SimConversation[] conversations = new SimConversation[CONVERSATIONS];
        for (int i = 0; i < CONVERSATIONS; i++) {
            long start = firstDay + random.nextInt(DAYS) * 86_400_000L + workingHoursOffset(random);
            String mediaType = pick(random, new String[] { "voice", "chat", "email", "message", "callback" },
                    new int[] { 50, 20, 12, 13, 5 });
            String direction = switch (mediaType) {
                case "callback" -> "outbound";
                case "voice", "email" -> random.nextInt(100) < 15 ? "outbound" : "inbound";
                default -> "inbound";
            };
            int queue = Math.min(QUEUE_NAMES.length - 1, (int) Math.abs(random.nextGaussian() * 2));
            boolean abandoned = "inbound".equals(direction) && !"email".equals(mediaType) && random.nextInt(100) < 6;
            String userId = abandoned ? null : userIds.get(random.nextInt(AGENTS));
            long tIvr = "voice".equals(mediaType) && "inbound".equals(direction) ? 5_000 + random.nextInt(25_000) : 0;
            long tAcd = exponential(random, switch (mediaType) {
                case "email" -> 1_800_000;
                case "message" -> 90_000;
                case "chat" -> 30_000;
                default -> 45_000;
            }) + 1_000;
            long tAlert = abandoned ? 0 : 2_000 + random.nextInt(9_000);
            long tTalk = abandoned ? 0 : exponential(random, switch (mediaType) {
                case "chat" -> 480_000;
                case "email" -> 240_000;
                case "message" -> 360_000;
                default -> 300_000;
            }) + 15_000;
            long tHeld = !abandoned && "voice".equals(mediaType) && random.nextInt(100) < 30 ? 10_000 + random.nextInt(110_000) : 0;
            long holdAt = tHeld > 0 ? tTalk / 3 : 0;
            long tAcw = abandoned ? 0 : 10_000 + random.nextInt(80_000);
            String wrapUp = abandoned ? null : wrapUpCodes.get(random.nextInt(wrapUpCodes.size()));
            String ani = "voice".equals(mediaType) || "callback".equals(mediaType)
                    ? "tel:+1555" + String.format("%07d", random.nextInt(10_000_000)) : null;
            String dnis = ani != null ? "tel:+18005550100" : null;
            conversations[i] = new SimConversation(ids.uuid("conversation", i), start, mediaType, direction,
                    divisionIds.get(queue == 5 ? 1 : 0), queueIds.get(queue), userId, wrapUp, tIvr, tAcd, tAlert, tTalk,
                    tHeld, holdAt, tAcw, ani, dnis);
        }
        Arrays.sort(conversations, Comparator.comparingLong(SimConversation::start).thenComparing(SimConversation::id));
        return conversations;
    }

    /** The conversation with this id, if it has started by now. */
    Optional<SimConversation> byId(String id) {
        SimConversation found = byId.get(id);
        return found != null && found.start() <= System.currentTimeMillis() ? Optional.of(found) : Optional.empty();
    }

    /** Conversations starting in [from, to) that have started by now, in start order. */
    List<SimConversation> startingBetween(long from, long to) {
        long visibleTo = Math.min(to, System.currentTimeMillis());
        int lo = lowerBound(from);
        List<SimConversation> result = new ArrayList<>();
        for (int i = lo; i < byStart.length && starts[i] < visibleTo; i++) {
            result.add(byStart[i]);
        }
        return result;
    }

    /** Conversations with activity in [from, to): started before {@code to} and ended after {@code from}. */
    List<SimConversation> activeBetween(long from, long to) {
        // No conversation lasts longer than a day, so start scanning one day before the interval.
        List<SimConversation> result = new ArrayList<>();
        for (SimConversation c : startingBetween(from - 86_400_000L, to)) {
            if (c.end() > from) {
                result.add(c);
            }
        }
        return result;
    }

    public List<String> queueIds() {
        return List.copyOf(queueIds);
    }

    public List<String> userIds() {
        return List.copyOf(userIds);
    }

    public List<String> wrapUpCodes() {
        return List.copyOf(wrapUpCodes);
    }

    /** Display name of the {@code i}-th queue of {@link #queueIds()}. */
    public static String queueName(int i) {
        return QUEUE_NAMES[i];
    }

    /** The two divisions: the home division, and the one the VIP queue belongs to. */
    public List<String> divisionIds() {
        return divisionIds;
    }

    /** Division of the {@code i}-th queue (as in the analytics segments). */
    public String queueDivision(int i) {
        return divisionIds.get(i == 5 ? 1 : 0);
    }

    /** Display name of the {@code i}-th wrap-up code of {@link #wrapUpCodes()}. */
    public static String wrapUpName(int i) {
        return WRAP_UP_NAMES[i];
    }

    /** Start of the first day of data (UTC midnight, 29 days before today). */
    public Instant firstDay() {
        return Instant.ofEpochMilli(firstDay);
    }

    private int lowerBound(long from) {
        int index = Arrays.binarySearch(starts, from);
        if (index < 0) {
            return -index - 1;
        }
        while (index > 0 && starts[index - 1] == from) {
            index--;
        }
        return index;
    }

    private static long workingHoursOffset(Random random) {
        // 85 % between 07:00 and 19:00 UTC, peaking mid-morning and mid-afternoon; the rest spread over the day.
        if (random.nextInt(100) < 85) {
            double hour;
            do {
                // Redrawn rather than clamped, so that no instant collects the tails of the distribution.
                hour = 13 + random.nextGaussian() * 3;
            } while (hour < 7 || hour >= 19);
            return (long) (hour * 3_600_000);
        }
        return random.nextInt(86_400_000);
    }

    private static long exponential(Random random, long mean) {
        return (long) Math.min(mean * 6, -mean * Math.log(1 - random.nextDouble()));
    }

    private static String pick(Random random, String[] values, int[] weights) {
        int total = Arrays.stream(weights).sum();
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
