package io.gcgateway.directory;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.gcgateway.directory.DirectoryRelationships.Relationship;
import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.gateway.BatchShortcut;
import io.gcgateway.gateway.BatchShortcuts;
import io.gcgateway.security.Role;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The directory's batch fields answered on the spot when this replica holds their entries in memory (its short local
 * layer of names, the live layer of presence and routing status, the presence definitions): a warm page of
 * conversations with names and presence then queues nothing and costs no batch. What is not held goes to
 * {@link DirectoryResolver}'s batch resolvers, which look it up in Redis and Genesys as before. Every answer is the
 * one the batch resolver gives from the same memory ({@link DirectoryRelationships} holds both).
 */
@ApplicationScoped
@Unremovable // looked up by the engine, not injected
class DirectoryShortcuts implements BatchShortcuts {
    /** DirectoryResolver's role, for all of its fields (BatchShortcutsTest holds the two equal). */
    private static final Role ROLE = Role.READER;
    private final Directory directory;
    private final DirectoryLists lists;

    DirectoryShortcuts(Directory directory, DirectoryLists lists) {
        this.directory = directory;
        this.lists = lists;
    }

    @Override
    public List<BatchShortcut> shortcuts() {
        return List.of(
                of("Conversation", "queues", DirectoryRelationships.CONVERSATION_QUEUES),
                of("Conversation", "wrapUps", DirectoryRelationships.CONVERSATION_WRAP_UPS),
                of("ConversationParticipant", "user", DirectoryRelationships.PARTICIPANT_USER),
                of("ConversationParticipant", "queue", DirectoryRelationships.PARTICIPANT_QUEUE),
                of("LiveParticipant", "user", DirectoryRelationships.LIVE_USER),
                of("LiveParticipant", "queue", DirectoryRelationships.LIVE_QUEUE),
                of("LiveParticipant", "wrapUp", DirectoryRelationships.LIVE_WRAP_UP),
                of("LiveConversation", "queues", DirectoryRelationships.LIVE_CONVERSATION_QUEUES),
                of("ConversationEvent", "user", DirectoryRelationships.EVENT_USER),
                of("ConversationEvent", "queue", DirectoryRelationships.EVENT_QUEUE),
                of("ConversationEvent", "wrapUp", DirectoryRelationships.EVENT_WRAP_UP),
                new BatchShortcut("User", "presence", ROLE, live(this::presence)),
                new BatchShortcut("User", "routingStatus", ROLE, live(LiveState::routingStatus)));
    }

    @SuppressWarnings("unchecked")
    private <S> BatchShortcut of(String type, String field, Relationship<S, ?> relationship) {
        return new BatchShortcut(type, field, ROLE, source -> relationship.held(directory, (S) source));
    }

    /** A user's live-state field from the live layer (as {@link DirectoryResolver#presence} reads it when held). */
    private Function<Object, Object> live(Function<LiveState, Object> field) {
        return source -> {
            LiveState live = directory.liveHeld(((User) source).id());
            return live == null ? BatchShortcut.NOT_HELD : field.apply(live);
        };
    }

    private Object presence(LiveState live) {
        Map<String, PresenceDefinition> definitions = lists.presenceDefinitionsHeld();
        return definitions == null ? BatchShortcut.NOT_HELD : live.presence(definitions);
    }
}
