package io.gcgateway.conversations;

/** What {@code transitionConversation} can do to a participant, each mapped onto one real Genesys command. */
public enum TransitionAction {
    DISCONNECT,
    HOLD,
    RESUME,
    MUTE,
    UNMUTE,
    WRAP_UP,
    TRANSFER_TO_QUEUE,
    TRANSFER_TO_AGENT
}
