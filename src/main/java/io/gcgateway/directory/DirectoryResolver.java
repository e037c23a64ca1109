package io.gcgateway.directory;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.analytics.AnalyticsTypes.Conversation;
import io.gcgateway.analytics.AnalyticsTypes.ConversationParticipant;
import io.gcgateway.conversations.ConversationEvent;
import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.conversations.ConversationTypes.LiveParticipant;
import io.gcgateway.directory.DirectoryTypes.Presence;
import io.gcgateway.directory.DirectoryTypes.PresenceDefinition;
import io.gcgateway.directory.DirectoryTypes.Queue;
import io.gcgateway.directory.DirectoryTypes.QueueConnection;
import io.gcgateway.directory.DirectoryTypes.QueueMemberConnection;
import io.gcgateway.directory.DirectoryTypes.QueueObservation;
import io.gcgateway.directory.DirectoryTypes.RoutingStatus;
import io.gcgateway.directory.DirectoryTypes.User;
import io.gcgateway.directory.DirectoryTypes.UserConnection;
import io.gcgateway.directory.DirectoryTypes.WrapUpCode;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

/**
 * The Genesys directory as a graph: users, queues, wrap-up codes and presence definitions, and the relationships
 * that turn ids into them. Every relationship is a batch field (SmallRye {@code @Source List}): one lookup per field
 * per query level, de-duplicated and split into bulk calls by {@link Directory}; objects whose entries this replica
 * holds in memory are answered on the spot instead ({@link DirectoryShortcuts}). Batch fields take no arguments
 * (SmallRye 2.17 gives every alias the first alias's arguments). A failing lookup nulls its field, with an error at
 * its path; the rest of the answer stands.
 */
@GraphQLApi
@RequiresRole(Role.READER)
public class DirectoryResolver {
    private final Directory directory;
    private final DirectoryLists lists;
    private final QueueObservations observations;

    DirectoryResolver(Directory directory, DirectoryLists lists, QueueObservations observations) {
        this.directory = directory;
        this.lists = lists;
        this.observations = observations;
    }

    // ---- Queries ------------------------------------------------------------------------------------------------

    @Query("users")
    @Description("Users of the org by name, a page at a time; nameContains narrows them (Genesys user search).")
    public @NonNull Uni<UserConnection> users(@Name("first") Integer first, @Name("after") String after,
            @Name("nameContains") String nameContains) {
        return lists.users(first, after, nameContains);
    }

    @Query("user")
    @Description("One user; null when Genesys does not know the id.")
    public Uni<User> user(@Name("id") @NonNull @Id String id) {
        return directory.users(List.of(id)).map(found -> found.containsKey(id) ? User.of(found.get(id)) : null);
    }

    @Query("queues")
    @Description("Queues by name, a page at a time; nameContains narrows them.")
    public @NonNull Uni<QueueConnection> queues(@Name("first") Integer first, @Name("after") String after,
            @Name("nameContains") String nameContains) {
        return lists.queues(first, after, nameContains);
    }

    @Query("queue")
    @Description("One queue; null when Genesys does not know the id.")
    public Uni<Queue> queue(@Name("id") @NonNull @Id String id) {
        return directory.queues(List.of(id)).map(found -> found.containsKey(id) ? Queue.of(found.get(id)) : null);
    }

    @Query("wrapUpCodes")
    @Description("Every wrap-up code of the org, by name.")
    public @NonNull Uni<List<@NonNull WrapUpCode>> wrapUpCodes() {
        return lists.wrapUpCodes();
    }

    @Query("presenceDefinitions")
    @Description("The presences a user can be in (Genesys presence definitions).")
    public @NonNull Uni<List<@NonNull PresenceDefinition>> presenceDefinitions() {
        return lists.presenceDefinitions();
    }

    @Query("queueObservations")
    @Description("The queues now: conversations waiting, alerting and interacting, agents on queue, members by presence "
            + "(seconds old at most; 1 to 100 queues).")
    public @NonNull Uni<List<@NonNull QueueObservation>> queueObservations(
            @Name("queueIds") @NonNull List<@NonNull String> queueIds) {
        return Uni.createFrom().deferred(() -> {
            List<String> ids = QueueObservations.checked(queueIds);
            return observations.observe(ids).map(found -> ids.stream().filter(found::containsKey).map(found::get).toList());
        });
    }

    @Description("The queue now (seconds old at most).")
    public Uni<List<QueueObservation>> observation(@Source List<Queue> queues) {
        return observations.observe(ids(queues, Queue::id))
                .map(found -> queues.stream().map(queue -> found.get(queue.id())).toList());
    }

    // ---- User: live state --------------------------------------------------------------------------------------

    @Description("The user's presence now (seconds old at most).")
    public Uni<List<Presence>> presence(@Source List<User> users) {
        return Uni.combine().all().unis(directory.liveUsers(ids(users, User::id)), lists.presenceDefinitionsById())
                .asTuple().map(both -> users.stream().map(user -> {
                    JsonNode live = both.getItem1().get(user.id());
                    return live == null ? null : LiveState.presence(live, both.getItem2());
                }).toList());
    }

    @Description("The user's routing status now (seconds old at most).")
    public Uni<List<RoutingStatus>> routingStatus(@Source List<User> users) {
        return directory.liveUsers(ids(users, User::id)).map(live -> users.stream()
                .map(user -> live.containsKey(user.id()) ? LiveState.routingStatus(live.get(user.id())) : null).toList());
    }

    @Name("queues")
    @Description("The queues the user joined, by name, a page at a time (one Genesys call per user and page).")
    public Uni<QueueConnection> userQueues(@Source User user, @Name("first") Integer first, @Name("after") String after) {
        return lists.userQueues(user.id(), first, after);
    }

    // ---- Queue: members ----------------------------------------------------------------------------------------

    @Description("Members of the queue by name, a page at a time; joined narrows them to members who joined (or not).")
    public Uni<QueueMemberConnection> members(@Source Queue queue, @Name("first") Integer first,
            @Name("after") String after, @Name("joined") Boolean joined) {
        return lists.members(queue.id(), first, after, joined);
    }

    // ---- Relationships from conversations ----------------------------------------------------------------------

    @Name("queues")
    @Description("The queues of queueIds, in that order (those Genesys still knows).")
    public Uni<List<List<Queue>>> conversationQueues(@Source List<Conversation> conversations) {
        return DirectoryRelationships.CONVERSATION_QUEUES.batch(directory, conversations);
    }

    @Description("The wrap-up codes of wrapUpCodes, in that order (those Genesys still knows).")
    public Uni<List<List<WrapUpCode>>> wrapUps(@Source List<Conversation> conversations) {
        return DirectoryRelationships.CONVERSATION_WRAP_UPS.batch(directory, conversations);
    }

    @Name("user")
    @Description("The participant's user (agents), when it has one.")
    public Uni<List<User>> participantUser(@Source List<ConversationParticipant> participants) {
        return DirectoryRelationships.PARTICIPANT_USER.batch(directory, participants);
    }

    @Name("queue")
    @Description("The participant's queue (ACD participants), when it has one.")
    public Uni<List<Queue>> participantQueue(@Source List<ConversationParticipant> participants) {
        return DirectoryRelationships.PARTICIPANT_QUEUE.batch(directory, participants);
    }

    @Name("user")
    @Description("The participant's user (agents), when it has one.")
    public Uni<List<User>> liveUser(@Source List<LiveParticipant> participants) {
        return DirectoryRelationships.LIVE_USER.batch(directory, participants);
    }

    @Name("queue")
    @Description("The participant's queue, when it has one.")
    public Uni<List<Queue>> liveQueue(@Source List<LiveParticipant> participants) {
        return DirectoryRelationships.LIVE_QUEUE.batch(directory, participants);
    }

    @Name("wrapUp")
    @Description("The participant's wrap-up code, once set.")
    public Uni<List<WrapUpCode>> liveWrapUp(@Source List<LiveParticipant> participants) {
        return DirectoryRelationships.LIVE_WRAP_UP.batch(directory, participants);
    }

    @Name("queues")
    @Description("The queues of the conversation's participants (those Genesys still knows).")
    public Uni<List<List<Queue>>> liveConversationQueues(@Source List<LiveConversation> conversations) {
        return DirectoryRelationships.LIVE_CONVERSATION_QUEUES.batch(directory, conversations);
    }

    // ---- Relationships from live events (detail events carry the ids; snapshots carry a LiveConversation) -------

    @Name("user")
    @Description("The agent a detail event is about (its userId), when it names one; snapshots: see conversation.")
    public Uni<List<User>> eventUser(@Source List<ConversationEvent> events) {
        return DirectoryRelationships.EVENT_USER.batch(directory, events);
    }

    @Name("queue")
    @Description("The queue a detail event is about (its queueId), when it names one.")
    public Uni<List<Queue>> eventQueue(@Source List<ConversationEvent> events) {
        return DirectoryRelationships.EVENT_QUEUE.batch(directory, events);
    }

    @Name("wrapUp")
    @Description("The wrap-up code of a wrapup event (its wrapupCode); null for the system's timeout code.")
    public Uni<List<WrapUpCode>> eventWrapUp(@Source List<ConversationEvent> events) {
        return DirectoryRelationships.EVENT_WRAP_UP.batch(directory, events);
    }

    private static <S> List<String> ids(List<S> sources, Function<S, String> id) {
        return sources.stream().map(id).filter(Objects::nonNull).distinct().toList();
    }
}
