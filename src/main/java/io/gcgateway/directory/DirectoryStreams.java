package io.gcgateway.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.gcgateway.directory.DirectoryTypes.QueueObservation;
import io.gcgateway.directory.DirectoryTypes.UserState;
import io.gcgateway.errors.FieldError;
import io.gcgateway.errors.ValidationFailedException;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Live directory state over graphql-ws: queue observations and users' presence and routing status, first the current
 * state, then each change. Every tick reads through the same shared, time-bounded caches as the queries
 * ({@link QueueObservations}, {@link Directory#liveUsers}), so however many clients subscribe to a queue or user,
 * Genesys is asked about it at most once per interval per org (per replica for users). A failed tick (a refusal of
 * the budget, Genesys down) emits nothing; the next one tries again.
 */
@GraphQLApi
@RequiresRole(Role.READER)
public class DirectoryStreams {
    private static final int MAX_USERS = 100;

    private final QueueObservations observations;
    private final Directory directory;
    private final DirectoryLists lists;
    private final DirectoryConfig config;
    private final SharedWatches watches;
    private final WatchedUsers users;

    DirectoryStreams(QueueObservations observations, Directory directory, DirectoryLists lists, DirectoryConfig config,
            SharedWatches watches, WatchedUsers users) {
        this.watches = watches;
        this.users = users;
        this.observations = observations;
        this.directory = directory;
        this.lists = lists;
        this.config = config;
    }

    @Subscription("queueObservations")
    @Description("The queues' observations now, then each one whose counts change (checked every few seconds).")
    public Multi<QueueObservation> queueObservations(@Name("queueIds") @NonNull List<@NonNull String> queueIds) {
        List<String> ids;
        try {
            ids = QueueObservations.checked(queueIds);
        } catch (ValidationFailedException invalid) {
            return Multi.createFrom().failure(invalid);
        }
        Map<String, List<Object>> last = new HashMap<>();
        return watching(ids, QueueObservations::topic, observations.changes(), config.observationTtl())
                .onItem().transformToUniAndConcatenate(tick -> observations.observe(ids).onFailure().recoverWithNull())
                .onItem().transformToIterable(found -> {
                    List<QueueObservation> changed = new ArrayList<>();
                    for (String id : ids) {
                        QueueObservation observation = found.get(id);
                        // The longest wait grows every tick by itself: a change is in the counts.
                        List<Object> counts = observation == null ? null : List.of(observation.waiting(),
                                observation.interacting(), observation.alerting(), observation.onQueueAgents(),
                                observation.presences());
                        if (counts != null && !counts.equals(last.put(id, counts))) {
                            changed.add(observation);
                        }
                    }
                    return changed;
                });
    }

    @Subscription("userStates")
    @Description("The users' presence and routing status now, then each change (checked every few seconds).")
    public Multi<UserState> userStates(@Name("userIds") @NonNull List<@NonNull String> userIds) {
        if (userIds.isEmpty() || userIds.size() > MAX_USERS || userIds.stream().anyMatch(id -> id.isBlank() || id.length() > 64)) {
            return Multi.createFrom().failure(new ValidationFailedException("Invalid userIds",
                    List.of(new FieldError("userIds", "must name 1 to " + MAX_USERS + " Genesys user ids"))));
        }
        List<String> ids = userIds.stream().distinct().toList();
        Map<String, UserState> last = new HashMap<>();
        return watching(ids, WatchedUsers::topic, users.changes(), config.liveTtl())
                .onItem().transformToUniAndConcatenate(tick -> Uni.combine().all()
                        .unis(directory.liveUsers(ids), lists.presenceDefinitionsById()).asTuple()
                        .onFailure().recoverWithNull())
                .onItem().transformToIterable(both -> {
                    List<UserState> changed = new ArrayList<>();
                    for (String id : ids) {
                        var user = both.getItem1().get(id);
                        if (user == null) {
                            continue;
                        }
                        UserState state = new UserState(id, LiveState.presence(user, both.getItem2()),
                                LiveState.routingStatus(user));
                        if (!Objects.equals(last.put(id, state), state)) {
                            changed.add(state);
                        }
                    }
                    return changed;
                });
    }

    /**
     * When to read the watched ids' state: every interval, and at once when an event of one of them reaches this
     * replica. While the stream lasts, this replica watches their topics ({@link SharedWatches}).
     */
    private Multi<Object> watching(List<String> ids, Function<String, String> topic, Multi<String> changes,
            Duration every) {
        List<String> topics = ids.stream().map(topic).toList();
        Set<String> mine = Set.copyOf(ids);
        return Multi.createBy().merging().streams(ticks(every).map(tick -> (Object) tick),
                changes.filter(mine::contains).map(id -> (Object) id))
                .onOverflow().drop()
                .onSubscription().invoke(() -> watches.join(topics))
                .onTermination().invoke(() -> watches.leave(topics));
    }

    private static Multi<Long> ticks(Duration every) {
        // The first tick at once (Mutiny wants a positive delay), then one per interval.
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every).onOverflow().drop();
    }
}
