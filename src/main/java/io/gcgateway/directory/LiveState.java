package io.gcgateway.directory;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.directory.DirectoryTypes.Presence;
import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.RoutingStatus;

/**
 * A user's live state read from Genesys's {@code User} with {@code presence} and {@code routingStatus} expanded, read
 * once: {@link Directory} keeps it so, and every answer from it is a lookup of the presence's label.
 *
 * @param user the JSON as Genesys gave it
 * @param presenceId the presence definition's id; null when Genesys gave no presence
 * @param systemPresence the definition's system presence, normalised
 * @param presenceSince when the presence was set
 * @param routingStatus null when Genesys gave none
 */
record LiveState(JsonNode user, String presenceId, String systemPresence, Instant presenceSince,
        RoutingStatus routingStatus) {

    static LiveState of(JsonNode user) {
        JsonNode presence = user.get("presence");
        JsonNode status = user.get("routingStatus");
        RoutingStatus routing = status == null || status.isNull() ? null
                : new RoutingStatus(DirectoryTypes.RoutingStatusValue.of(status.path("status").asText()),
                        instant(status.path("startTime").asText(null)));
        if (presence == null || presence.isNull()) {
            return new LiveState(user, null, null, null, routing);
        }
        JsonNode definition = presence.path("presenceDefinition");
        return new LiveState(user, definition.path("id").asText(""),
                DirectoryTypes.normalised(definition.path("systemPresence").asText("")),
                instant(presence.path("modifiedDate").asText(null)), routing);
    }

    /** The user's presence, labelled from the org's definitions; null when Genesys gave none. */
    Presence presence(Map<String, PresenceDefinition> definitions) {
        if (presenceId == null) {
            return null;
        }
        PresenceDefinition definition = definitions.get(presenceId);
        return new Presence(presenceId, definition == null ? systemPresence : definition.label(),
                definition == null ? systemPresence : definition.systemPresence(), presenceSince);
    }

    static Presence presence(JsonNode user, Map<String, PresenceDefinition> definitions) {
        return of(user).presence(definitions);
    }

    static RoutingStatus routingStatus(JsonNode user) {
        return of(user).routingStatus();
    }

    static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
