package io.gcgateway.conversations;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The allowed transitions, read from {@code conversations.transitions.<state>}: which actions each participant state
 * allows. A state that is not configured allows nothing; an unknown state name stops start-up.
 */
@Startup
@ApplicationScoped
public class TransitionMatrix {
    private final Map<ParticipantState, Set<TransitionAction>> allowed = new EnumMap<>(ParticipantState.class);

    TransitionMatrix(ConversationsConfig config) {
        for (ParticipantState state : ParticipantState.values()) {
            allowed.put(state, EnumSet.noneOf(TransitionAction.class));
        }
        for (Map.Entry<String, List<TransitionAction>> entry : config.transitions().entrySet()) {
            ParticipantState state = Arrays.stream(ParticipantState.values())
                    .filter(candidate -> candidate.key().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("conversations.transitions." + entry.getKey()
                            + ": unknown participant state; use one of " + Arrays.stream(ParticipantState.values())
                                    .map(ParticipantState::key).collect(Collectors.joining(", "))));
            allowed.get(state).addAll(entry.getValue());
        }
    }

    boolean allows(ParticipantState state, TransitionAction action) {
        return allowed.get(state).contains(action);
    }

    Set<TransitionAction> allowed(ParticipantState state) {
        return allowed.get(state);
    }
}
