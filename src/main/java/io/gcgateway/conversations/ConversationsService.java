package io.gcgateway.conversations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.audit.AuditEvent;
import io.gcgateway.audit.AuditedWrites;
import io.gcgateway.cache.RedisLocks;
import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.conversations.ConversationTypes.TransitionInput;
import io.gcgateway.conversations.ConversationTypes.TransitionResult;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.NotFoundException;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.errors.VersionConflictException;
import io.gcgateway.events.GatewayEvents;
import io.gcgateway.events.NotificationChannel;
import io.gcgateway.genesys.GenesysRestClients;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;

/**
 * Conversation reads and transitions. Genesys has no version or If-Match on conversations and runs commands
 * asynchronously (202), so the gateway confirms each command by reading the conversation again, under a per-conversation Redis lock
 * shared by all replicas: read, compare the etag and check the state matrix, send the command, then re-read until
 * the new state shows (bounded) so the next transition in line sees it.
 */
@ApplicationScoped
class ConversationsService {
    private static final Logger LOG = Logger.getLogger(ConversationsService.class);
    private static final int MAX_NOTES = 1000;

    private final ConversationsRestClient client;
    private final ConversationsRestClient rereads;
    private final NotificationChannel channel;
    private final TransitionMatrix matrix;
    private final ConversationsConfig config;
    private final RedisLocks locks;
    private final RedisLocks.Settings lockSettings;
    private final AuditedWrites writes;
    private final ObjectMapper mapper;
    private final ConversationSnapshots snapshots;

    ConversationsService(GenesysRestClients clients, TransitionMatrix matrix, ConversationsConfig config,
            RedisLocks locks, AuditedWrites writes, ObjectMapper mapper, ConversationSnapshots snapshots,
            NotificationChannel channel) {
        this.snapshots = snapshots;
        this.client = clients.api(ConversationsRestClient.class);
        this.rereads = clients.background(ConversationsRestClient.class);
        this.channel = channel;
        this.matrix = matrix;
        this.config = config;
        this.locks = locks;
        this.lockSettings = config.lock().settings("conversations", "conversation",
                "Conversation transitions need the lock store (Redis), which is unavailable; nothing was sent");
        this.writes = writes;
        this.mapper = mapper;
    }

    Uni<LiveConversation> conversation(String conversationId) {
        return client.conversation(conversationId).map(json -> seen(ConversationView.of(json)).toGraphQL())
                .onFailure(NotFoundException.class).recoverWithNull();
    }

    private ConversationView seen(ConversationView view) {
        snapshots.remember(view);
        return view;
    }

    /** What one transition saw, for its audit event. */
    private static final class Trace {
        String etagBefore;
        String etagAfter;
    }

    Uni<TransitionResult> transition(TransitionInput input) {
        Trace trace = new Trace();
        return writes.run("transitionConversation", actor -> {
            check(input);
            checkAgainstTheVersionTheCallerSaw(input);
            return locks.withLock(lockSettings, input.conversationId(), lease -> client.conversation(input.conversationId())
                    .onFailure(NotFoundException.class).transform(failure -> ConversationView.notFound(input.conversationId(), failure))
                    .flatMap(json -> {
                        ConversationView before = seen(ConversationView.of(json));
                        trace.etagBefore = before.etag();
                        JsonNode participant = allowedParticipant(before, input);
                        ParticipantState stateBefore = ConversationView.state(participant);
                        return prepare(input, participant)
                                .flatMap(ignored -> locks.fence(lease))
                                .flatMap(ignored -> watching(before, sightings -> send(input, participant)
                                        .flatMap(sent -> confirm(input, expectation(input), sightings))))
                                .map(after -> {
                                    JsonNode now = after.view().participant(input.participantId());
                                    trace.etagAfter = after.confirmed() ? after.view().etag() : null;
                                    return new TransitionResult(true, after.confirmed(), input.conversationId(),
                                            input.participantId(), input.action(), stateBefore,
                                            now == null ? null : ConversationView.state(now), before.etag(),
                                            after.view().etag(), after.view().toGraphQL());
                                });
                    }));
        }, ended -> {
            String metadata = metadata(input) == null ? null : metadata(input).toString();
            AuditEvent audit = ended.audit("conversations/" + input.conversationId() + "/participants/"
                    + input.participantId(), null, null, trace.etagBefore, trace.etagAfter, metadata,
                    List.of(input.action().name()));
            return new AuditedWrites.Report(audit, GatewayEvents.CONVERSATION_TRANSITIONED,
                    ended.succeeded() ? transitionedEvent(ended.actor(), input, ended.result()) : null);
        });
    }

    // --- validation (before any upstream call) -------------------------------------------------------------------

    private void check(TransitionInput input) {
        List<FieldError> errors = new ArrayList<>();
        blank(input.conversationId(), "input.conversationId", errors);
        blank(input.participantId(), "input.participantId", errors);
        TransitionAction action = input.action();
        requiredOnlyFor(action, TransitionAction.WRAP_UP, input.wrapUpCode(), "input.wrapUpCode", errors);
        requiredOnlyFor(action, TransitionAction.TRANSFER_TO_QUEUE, input.targetQueueId(), "input.targetQueueId", errors);
        requiredOnlyFor(action, TransitionAction.TRANSFER_TO_AGENT, input.targetUserId(), "input.targetUserId", errors);
        if (input.notes() != null && action != TransitionAction.WRAP_UP) {
            errors.add(new FieldError("input.notes", "is only used with WRAP_UP"));
        } else if (input.notes() != null && input.notes().length() > MAX_NOTES) {
            errors.add(new FieldError("input.notes", "must be at most " + MAX_NOTES + " characters"));
        }
        if (metadata(input) != null) {
            int depth = depth(input.metadata());
            if (depth > config.metadataMaxDepth()) {
                errors.add(new FieldError("input.metadata", "nests " + depth + " levels deep; at most "
                        + config.metadataMaxDepth() + " are allowed"));
            } else if (input.metadata().toString().getBytes(StandardCharsets.UTF_8).length > config.metadataMaxBytes()) {
                errors.add(new FieldError("input.metadata", "must be at most " + config.metadataMaxBytes() + " bytes of JSON"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException("Invalid transition", errors);
        }
    }

    private static void blank(String value, String path, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > 128) {
            errors.add(new FieldError(path, "must be 1 to 128 characters"));
        }
    }

    private static void requiredOnlyFor(TransitionAction action, TransitionAction needs, String value, String path,
            List<FieldError> errors) {
        if (action == needs && (value == null || value.isBlank())) {
            errors.add(new FieldError(path, "is required for " + needs));
        } else if (action != needs && value != null) {
            errors.add(new FieldError(path, "is only used with " + needs));
        } else if (value != null && value.length() > 128) {
            errors.add(new FieldError(path, "must be at most 128 characters"));
        }
    }

    /** The caller's metadata; null when absent or JSON null. */
    private static JsonValue metadata(TransitionInput input) {
        return input.metadata() == null || input.metadata().getValueType() == JsonValue.ValueType.NULL ? null : input.metadata();
    }

    /** Nesting depth of a JSON value: a scalar is 0, {@code {"a":1}} is 1. */
    static int depth(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> 1 + value.asJsonObject().values().stream().mapToInt(ConversationsService::depth).max().orElse(0);
            case ARRAY -> 1 + value.asJsonArray().stream().mapToInt(ConversationsService::depth).max().orElse(0);
            default -> 0;
        };
    }

    /**
     * With {@code ifMatch} naming a version this replica has seen, the participant and the state matrix are checked
     * against that version before any Genesys call. Passing here proves nothing (the version may be stale); the
     * checks run again under the lock against a fresh read.
     */
    private void checkAgainstTheVersionTheCallerSaw(TransitionInput input) {
        if (input.ifMatch() == null) {
            return;
        }
        Map<String, ParticipantState> states = snapshots.states(input.conversationId(), input.ifMatch());
        if (states == null) {
            return;
        }
        ParticipantState state = states.get(input.participantId());
        if (state == null) {
            throw notAParticipant(input);
        }
        checkMatrix(input, state);
    }

    private static ValidationFailedException notAParticipant(TransitionInput input) {
        return ValidationFailedException.of("input.participantId", "is not a participant of conversation "
                + input.conversationId());
    }

    private void checkMatrix(TransitionInput input, ParticipantState state) {
        if (!matrix.allows(state, input.action())) {
            String allowed = matrix.allowed(state).stream().map(Enum::name).collect(Collectors.joining(", "));
            throw ValidationFailedException.of("input.action", "Participant " + input.participantId() + " is " + state
                    + "; " + input.action() + " is not allowed from " + state + " (allowed: "
                    + (allowed.isEmpty() ? "none" : allowed) + ")");
        }
    }

    /** The etag check, then the participant and the state matrix; all against the conversation read under the lock. */
    private JsonNode allowedParticipant(ConversationView conversation, TransitionInput input) {
        if (input.ifMatch() != null && !input.ifMatch().equals(conversation.etag())) {
            throw VersionConflictException.etag("Conversation " + conversation.id() + " changed since etag " + input.ifMatch()
                    + "; nothing was sent", conversation.etag());
        }
        JsonNode participant = conversation.participant(input.participantId());
        if (participant == null) {
            throw notAParticipant(input);
        }
        checkMatrix(input, ConversationView.state(participant));
        return participant;
    }

    /** Checks that need Genesys but change nothing: a wrap-up code must be one of the participant's. */
    private Uni<Void> prepare(TransitionInput input, JsonNode participant) {
        if (input.action() != TransitionAction.WRAP_UP) {
            return Uni.createFrom().voidItem();
        }
        return client.wrapupCodes(ConversationView.media(participant), input.conversationId(), input.participantId()).map(codes -> {
            for (JsonNode code : codes) {
                if (input.wrapUpCode().equals(code.path("id").asText())) {
                    return null;
                }
            }
            throw ValidationFailedException.of("input.wrapUpCode", "is not one of this participant's wrap-up codes");
        });
    }

    // --- the Genesys command and its confirmation ----------------------------------------------------------------

    private Uni<Void> send(TransitionInput input, JsonNode participant) {
        String cid = input.conversationId();
        String pid = input.participantId();
        String media = ConversationView.media(participant);
        ObjectNode body = mapper.createObjectNode();
        return switch (input.action()) {
            case DISCONNECT -> client.patchParticipant(media, cid, pid, body.put("state", "disconnected"));
            case HOLD -> client.patchParticipant(media, cid, pid, body.put("held", true));
            case RESUME -> client.patchParticipant(media, cid, pid, body.put("held", false));
            case MUTE -> client.patchParticipant(media, cid, pid, body.put("muted", true));
            case UNMUTE -> client.patchParticipant(media, cid, pid, body.put("muted", false));
            case WRAP_UP -> {
                body.put("code", input.wrapUpCode());
                if (input.notes() != null) {
                    body.put("notes", input.notes());
                }
                yield client.wrapup(media, cid, pid, ConversationView.communication(participant).path("id").asText(), body);
            }
            case TRANSFER_TO_QUEUE -> client.replaceWithQueue(cid, pid,
                    body.put("transferType", "Unattended").put("queueId", input.targetQueueId()));
            case TRANSFER_TO_AGENT -> client.replaceWithAgent(cid, pid,
                    body.put("transferType", "Unattended").put("userId", input.targetUserId()));
        };
    }

    /** What the conversation looks like once the command took effect. */
    private static Predicate<ConversationView> expectation(TransitionInput input) {
        String pid = input.participantId();
        return view -> {
            JsonNode p = view.participant(pid);
            JsonNode communication = p == null ? null : ConversationView.communication(p);
            if (communication == null) {
                return false;
            }
            ParticipantState state = ParticipantState.of(communication);
            return switch (input.action()) {
                case DISCONNECT, TRANSFER_TO_QUEUE, TRANSFER_TO_AGENT ->
                    state == ParticipantState.DISCONNECTED || state == ParticipantState.AFTER_CALL_WORK;
                case HOLD -> state == ParticipantState.HELD;
                case RESUME -> state == ParticipantState.CONNECTED;
                case MUTE -> communication.path("muted").asBoolean(false);
                case UNMUTE -> !communication.path("muted").asBoolean(true);
                case WRAP_UP -> input.wrapUpCode().equals(p.path("wrapup").path("code").asText(null));
            };
        };
    }

    private record Confirmation(ConversationView view, boolean confirmed) {
    }

    /**
     * The conversation as its queues' notification topics show it from now on, when the gateway's channel already
     * holds one of those topics (a subscription or the webhook relay watches the queue): the confirmation then needs
     * no re-read. A topic is never added for a confirmation alone: subscribing and unsubscribing would cost two
     * Genesys calls, as much as the re-reads they would save.
     */
    private <T> Uni<T> watching(ConversationView before, Function<Sightings, Uni<T>> body) {
        List<String> held = channel.topics();
        List<String> topics = before.queueIds().stream().map(ConversationEvents::queueTopic).filter(held::contains).toList();
        Sightings sightings = new Sightings(!topics.isEmpty());
        if (topics.isEmpty()) {
            return body.apply(sightings);
        }
        Cancellable listening = channel.notifications().filter(n -> !n.gap() && topics.contains(n.topic())).subscribe()
                .with(n -> {
                    ConversationView view = ConversationView.of(n.body());
                    if (before.id().equals(view.id())) {
                        sightings.saw(view);
                    }
                }, failure -> LOG.debugf("Stopped watching a conversation's events: %s", failure.getClass().getSimpleName()));
        return Uni.createFrom().deferred(() -> body.apply(sightings)).eventually(listening::cancel);
    }

    /** The latest state of a conversation its notification events showed, and a wake-up for the next one. */
    private static final class Sightings {
        /** Whether events are expected at all (a topic of the conversation's queues is held). */
        private final boolean watched;
        private volatile ConversationView latest;
        private volatile CompletableFuture<Boolean> next = new CompletableFuture<>();

        Sightings(boolean watched) {
            this.watched = watched;
        }

        void saw(ConversationView view) {
            latest = view;
            CompletableFuture<Boolean> woken = next;
            next = new CompletableFuture<>();
            woken.complete(true);
        }

        /** True when an event arrived within {@code wait}, false when the wait passed. */
        Uni<Boolean> next(Duration wait) {
            // A copy: a wait that times out cancels what it waited on, and the next wait shares the original.
            return Uni.createFrom().completionStage(next.copy()).ifNoItem().after(wait).recoverWithItem(false);
        }
    }

    /**
     * Waits for the new state: from the conversation's notification events when there are any (no Genesys call),
     * else by re-reading with growing waits, until {@code done} holds or the confirm timeout passes (then
     * {@code confirmed: false}). The re-reads are background calls, which leave the budget's reserve to interactive
     * queries.
     */
    private Uni<Confirmation> confirm(TransitionInput input, Predicate<ConversationView> done, Sightings sightings) {
        long deadline = System.nanoTime() + config.confirm().timeout().toNanos();
        // Watched, the event is the confirmation: the first re-read waits as long as re-reads ever wait.
        Duration first = sightings.watched ? config.confirm().maxInterval() : config.confirm().interval();
        return reread(input.conversationId(), done, deadline, first, sightings);
    }

    private Uni<Confirmation> reread(String conversationId, Predicate<ConversationView> done, long deadline, Duration wait,
            Sightings sightings) {
        Duration next = wait.multipliedBy(2).compareTo(config.confirm().maxInterval()) > 0 ? config.confirm().maxInterval()
                : wait.multipliedBy(2);
        return sightings.next(wait).flatMap(event -> {
            ConversationView seen = sightings.latest;
            if (seen != null && done.test(seen(seen))) {
                return Uni.createFrom().item(new Confirmation(seen, true));
            }
            if (event && System.nanoTime() - deadline < 0) {
                // Events are flowing and this one is not the change yet: wait for the next one, not a re-read.
                return reread(conversationId, done, deadline, wait, sightings);
            }
            return rereadOnce(conversationId, done, deadline, next, sightings);
        });
    }

    private Uni<Confirmation> rereadOnce(String conversationId, Predicate<ConversationView> done, long deadline, Duration next,
            Sightings sightings) {
        return rereads.conversation(conversationId)
                .flatMap(json -> {
                    ConversationView view = seen(ConversationView.of(json));
                    if (done.test(view)) {
                        return Uni.createFrom().item(new Confirmation(view, true));
                    }
                    if (System.nanoTime() - deadline > 0) {
                        return Uni.createFrom().item(new Confirmation(view, false));
                    }
                    return reread(conversationId, done, deadline, next, sightings);
                });
    }

    private ObjectNode transitionedEvent(String actor, TransitionInput input, TransitionResult result) {
        ObjectNode data = mapper.createObjectNode();
        data.put("conversationId", input.conversationId());
        data.put("participantId", input.participantId());
        data.put("action", input.action().name());
        data.put("stateBefore", result.stateBefore().name());
        data.put("state", result.state() == null ? null : result.state().name());
        data.put("confirmed", result.confirmed());
        data.put("etagBefore", result.etagBefore());
        data.put("etag", result.etag());
        data.put("actor", actor);
        if (metadata(input) != null) {
            data.set("metadata", parse(input.metadata().toString()));
        }
        return data;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.nullNode();
        }
    }
}
