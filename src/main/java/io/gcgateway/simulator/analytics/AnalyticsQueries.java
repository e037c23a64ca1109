package io.gcgateway.simulator.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.simulator.SimulatorException;

/** Parsing shared by the analytics endpoints: intervals, granularities, time zones and the known names. */
final class AnalyticsQueries {

    static final Set<String> METRICS = Set.of("nOffered", "nConnected", "tAcd", "tAbandon", "tAlert", "tAnswered",
            "tTalk", "tTalkComplete", "tHeld", "tHeldComplete", "tAcw", "tHandle");
    static final Set<String> GROUP_BY = Set.of("queueId", "userId", "mediaType", "direction", "originatingDirection",
            "wrapUpCode", "divisionId");

    private AnalyticsQueries() {
    }

    /** Every name a filter may use. */
    static Set<String> filterNames() {
        Set<String> names = new HashSet<>(QueryFilters.CONVERSATION_DIMENSIONS);
        names.addAll(Segment.DIMENSIONS);
        names.addAll(METRICS);
        return names;
    }

    /** {@code 2024-05-01T00:00:00.000Z/2024-05-02T00:00:00.000Z} → [start, end) in epoch millis. */
    static long[] interval(JsonNode body) {
        String interval = body.path("interval").asText(null);
        if (interval == null || interval.isBlank()) {
            throw SimulatorException.badRequest("interval is required");
        }
        String[] parts = interval.split("/");
        try {
            long start = Instant.parse(parts[0]).toEpochMilli();
            long end = Instant.parse(parts[1]).toEpochMilli();
            if (end <= start) {
                throw SimulatorException.badRequest("Invalid interval: end must be after start");
            }
            return new long[] { start, end };
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw SimulatorException.badRequest("Invalid interval: " + interval);
        }
    }

    static TemporalAmount granularity(String value) {
        try {
            return value.startsWith("PT") ? Duration.parse(value) : Period.parse(value);
        } catch (DateTimeParseException e) {
            throw SimulatorException.badRequest("Invalid granularity: " + value);
        }
    }

    static ZoneId zone(JsonNode body) {
        String zone = body.path("timeZone").asText("UTC");
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw SimulatorException.badRequest("Invalid timeZone: " + zone);
        }
    }

    static long next(long bucketStart, TemporalAmount step, ZoneId zone) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(bucketStart), zone).plus(step).toInstant().toEpochMilli();
    }
}
