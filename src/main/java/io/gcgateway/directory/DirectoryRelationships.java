package io.gcgateway.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.analytics.AnalyticsTypes.Conversation;
import io.gcgateway.analytics.AnalyticsTypes.ConversationParticipant;
import io.gcgateway.conversations.ConversationEvent;
import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.conversations.ConversationTypes.LiveParticipant;
import io.gcgateway.directory.DirectoryTypes.Queue;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.directory.DirectoryTypes.WrapUpCode;
import io.gcgateway.gateway.BatchShortcut;
import io.smallrye.mutiny.Uni;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The relationships from other features' objects (conversations, participants, live conversations, events) to
 * directory entries by id. Each says which ids an object needs and what it answers once they are found, once, for
 * both ways of answering: a batch resolver ({@link DirectoryResolver}) looks the ids of a whole batch up together, and
 * a shortcut ({@link DirectoryShortcuts}) answers one object from what this replica holds in memory.
 */
final class DirectoryRelationships {
    private static final Pattern GENESYS_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    static final Relationship<Conversation, List<Queue>> CONVERSATION_QUEUES = many(Directory.Kind.QUEUE,
            Conversation::queueIds, Queue.class);
    static final Relationship<Conversation, List<WrapUpCode>> CONVERSATION_WRAP_UPS = many(Directory.Kind.WRAP_UP,
            Conversation::wrapUpCodes, WrapUpCode.class);
    static final Relationship<ConversationParticipant, User> PARTICIPANT_USER = one(Directory.Kind.USER,
            ConversationParticipant::userId, User.class);
    static final Relationship<ConversationParticipant, Queue> PARTICIPANT_QUEUE = one(Directory.Kind.QUEUE,
            ConversationParticipant::queueId, Queue.class);
    static final Relationship<LiveParticipant, User> LIVE_USER = one(Directory.Kind.USER, LiveParticipant::userId,
            User.class);
    static final Relationship<LiveParticipant, Queue> LIVE_QUEUE = one(Directory.Kind.QUEUE, LiveParticipant::queueId,
            Queue.class);
    static final Relationship<LiveParticipant, WrapUpCode> LIVE_WRAP_UP = one(Directory.Kind.WRAP_UP,
            LiveParticipant::wrapUpCode, WrapUpCode.class);
    /** The queues of the conversation's participants, each once, in the participants' order. */
    static final Relationship<LiveConversation, List<Queue>> LIVE_CONVERSATION_QUEUES = many(Directory.Kind.QUEUE,
            conversation -> conversation.participants().stream().map(LiveParticipant::queueId).filter(Objects::nonNull)
                    .distinct().toList(),
            Queue.class);
    /** Detail events carry the ids in their body; snapshots carry a LiveConversation instead. */
    static final Relationship<ConversationEvent, User> EVENT_USER = one(Directory.Kind.USER,
            event -> bodyId(event, "userId"), User.class);
    static final Relationship<ConversationEvent, Queue> EVENT_QUEUE = one(Directory.Kind.QUEUE,
            event -> bodyId(event, "queueId"), Queue.class);
    /** Null for the system's timeout code ({@code ININ-WRAP-UP-TIMEOUT} is not an id). */
    static final Relationship<ConversationEvent, WrapUpCode> EVENT_WRAP_UP = one(Directory.Kind.WRAP_UP,
            event -> bodyId(event, "wrapupCode"), WrapUpCode.class);

    private DirectoryRelationships() {
    }

    /**
     * From an object to directory entries of one kind: the ids it names (null or blank ones name nothing), and its
     * answer given the entries' GraphQL values by id (null for an id Genesys does not know).
     */
    record Relationship<S, T>(Directory.Kind kind, Function<S, List<String>> ids,
            BiFunction<S, Function<String, Object>, T> answer) {

        /** The answers for a batch of objects: their ids de-duplicated, in one lookup. */
        Uni<List<T>> batch(Directory directory, List<S> sources) {
            Set<String> all = new LinkedHashSet<>();
            for (S source : sources) {
                all.addAll(ids.apply(source));
            }
            return directory.lookup(kind, all).map(found -> {
                Function<String, Object> typed = id -> {
                    JsonNode entry = found.get(id);
                    return entry == null ? null : kind.type.apply(entry);
                };
                List<T> answers = new ArrayList<>(sources.size());
                for (S source : sources) {
                    answers.add(answer.apply(source, typed));
                }
                return answers;
            });
        }

        /** The answer for one object from this replica's memory, or {@link BatchShortcut#NOT_HELD}. */
        Object held(Directory directory, S source) {
            List<String> named = ids.apply(source);
            if (named.size() == 1) {
                // The common case (a participant's user or queue): no map.
                String id = named.get(0);
                if (id == null || id.isBlank()) {
                    return answer.apply(source, NONE);
                }
                Directory.Held entry = directory.held(kind, id);
                return entry == null ? BatchShortcut.NOT_HELD
                        : answer.apply(source, other -> id.equals(other) ? entry.typed() : null);
            }
            Map<String, Object> typed = new HashMap<>(named.size() * 2);
            for (String id : named) {
                if (id == null || id.isBlank()) {
                    continue;
                }
                Directory.Held entry = directory.held(kind, id);
                if (entry == null) {
                    return BatchShortcut.NOT_HELD;
                }
                typed.put(id, entry.typed());
            }
            return answer.apply(source, typed::get);
        }
    }

    private static final Function<String, Object> NONE = id -> null;

    /** One entry per object (or none); {@code readAs} is the GraphQL type of the kind's entries. */
    @SuppressWarnings("unchecked")
    private static <S, T> Relationship<S, T> one(Directory.Kind kind, Function<S, String> id, Class<T> readAs) {
        return new Relationship<>(kind, source -> Collections.singletonList(id.apply(source)), (source, typed) -> {
            String named = id.apply(source);
            return named == null ? null : (T) typed.apply(named);
        });
    }

    /** Several entries per object, in the object's order; those Genesys does not know are left out. */
    @SuppressWarnings("unchecked")
    private static <S, T> Relationship<S, List<T>> many(Directory.Kind kind, Function<S, List<String>> ids,
            Class<T> readAs) {
        return new Relationship<>(kind, ids, (source, typed) -> {
            List<T> answers = new ArrayList<>();
            for (String id : ids.apply(source)) {
                Object entry = id == null ? null : typed.apply(id);
                if (entry != null) {
                    answers.add((T) entry);
                }
            }
            return answers;
        });
    }

    /** A Genesys id the event's body names; only ids (not {@code ININ-WRAP-UP-TIMEOUT}) are looked up. */
    private static String bodyId(ConversationEvent event, String field) {
        if (!(event.body() instanceof JsonObject body) || !(body.get(field) instanceof JsonString id)) {
            return null;
        }
        return GENESYS_ID.matcher(id.getString()).matches() ? id.getString() : null;
    }
}
