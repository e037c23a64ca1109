package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message of the gateway's notification channel: a Genesys event ({@code topicName}, {@code eventBody}), or
 * a gap marker after the channel was re-created, when events may have been missed and listeners should re-read.
 */
public record Notification(String topic, JsonNode body, boolean gap) {

    static Notification event(String topic, JsonNode body) {
        return new Notification(topic, body, false);
    }

    static Notification gapMarker() {
        return new Notification(null, null, true);
    }
}
