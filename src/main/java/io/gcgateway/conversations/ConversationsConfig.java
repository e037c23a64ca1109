package io.gcgateway.conversations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.gcgateway.cache.LockConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Conversation transitions. The state matrix is data: which actions each participant state allows.
 * <pre>
 * conversations.transitions.connected=DISCONNECT,HOLD,MUTE,UNMUTE,TRANSFER_TO_QUEUE,TRANSFER_TO_AGENT
 * conversations.transitions.after-call-work=WRAP_UP
 * </pre>
 */
@ConfigMapping(prefix = "conversations")
public interface ConversationsConfig {

    /** Allowed actions per participant state ({@code alerting, connected, held, after-call-work, disconnected}). */
    Map<String, List<TransitionAction>> transitions();

    /** Deepest nesting of a transition's {@code metadata}. */
    @WithDefault("5")
    @Min(1)
    @Max(32)
    int metadataMaxDepth();

    /** Largest {@code metadata}, as JSON bytes. */
    @WithDefault("16384")
    @Min(64)
    int metadataMaxBytes();

    /** Serialization of transitions of one conversation across replicas. */
    LockConfig lock();

    /** Confirming that a command (answered 202) took effect. */
    Confirm confirm();

    interface Confirm {
        /** How long to wait for the new state before answering {@code confirmed: false}. */
        @WithDefault("3s")
        Duration timeout();

        /** Wait before the first re-read; each further wait doubles, up to {@link #maxInterval()}. */
        @WithDefault("100ms")
        Duration interval();

        /** Longest wait between two re-reads. */
        @WithDefault("1s")
        Duration maxInterval();
    }
}
