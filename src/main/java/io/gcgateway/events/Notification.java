package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.cache.RedisKeys;

/**
 * One message of the gateway's notification channel: a Genesys event ({@code topicName}, {@code eventBody}), or
 * a gap marker after the channel was re-created, when events may have been missed and listeners should re-read.
 */
public record Notification(String topic, JsonNode body, boolean gap) {

    static Notification event(String topic, JsonNode body) {
        return new Notification(topic, body, false);
    }

    /** The id of a Genesys event, derived from it: replicas that see the same event give it the same id. */
    public static String eventId(String topic, JsonNode body) {
        return RedisKeys.sha256(topic + "|" + body).substring(0, 32);
    }

    static Notification gapMarker() {
        return new Notification(null, null, true);
    }
}
