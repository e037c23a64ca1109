package io.gcgateway.directory;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.directory.DirectoryTypes.Presence;
import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.RoutingStatus;

/** A user's live state read from Genesys's {@code User} with {@code presence} and {@code routingStatus} expanded. */
final class LiveState {
    private LiveState() {
    }

    /** The user's presence, labelled from the org's definitions; null when Genesys gave none. */
    static Presence presence(JsonNode user, Map<String, PresenceDefinition> definitions) {
        JsonNode presence = user.get("presence");
        if (presence == null || presence.isNull()) {
            return null;
        }
        String definitionId = presence.at("/presenceDefinition/id").asText("");
        PresenceDefinition definition = definitions.get(definitionId);
        String system = DirectoryTypes.normalised(presence.at("/presenceDefinition/systemPresence").asText(""));
        return new Presence(definitionId, definition == null ? system : definition.label(),
                definition == null ? system : definition.systemPresence(), instant(presence.path("modifiedDate").asText(null)));
    }

    /** The user's routing status; null when Genesys gave none. */
    static RoutingStatus routingStatus(JsonNode user) {
        JsonNode status = user.get("routingStatus");
        return status == null || status.isNull() ? null
                : new RoutingStatus(DirectoryTypes.RoutingStatusValue.of(status.path("status").asText()),
                        instant(status.path("startTime").asText(null)));
    }

    static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : Instant.parse(text);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
