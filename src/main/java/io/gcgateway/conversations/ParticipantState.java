package io.gcgateway.conversations;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A participant's state as the transition matrix sees it, derived from its first communication: Genesys's
 * communication state plus the held flag and after-call work (which is a phase after disconnecting, not a state).
 */
public enum ParticipantState {
    ALERTING,
    CONNECTED,
    HELD,
    AFTER_CALL_WORK,
    DISCONNECTED;

    private static final Set<String> RINGING = Set.of("alerting", "dialing", "contacting", "offering");

    /** The configuration key of this state in {@code conversations.transitions} ({@code after-call-work}). */
    String key() {
        return name().toLowerCase().replace('_', '-');
    }

    static ParticipantState of(JsonNode communication) {
        String state = communication.path("state").asText("none");
        if (RINGING.contains(state)) {
            return ALERTING;
        }
        if ("connected".equals(state)) {
            return communication.path("held").asBoolean(false) ? HELD : CONNECTED;
        }
        return "pending".equals(communication.path("afterCallWork").path("state").asText(null)) ? AFTER_CALL_WORK
                : DISCONNECTED;
    }
}
