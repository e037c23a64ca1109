package io.gcgateway.directory;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.gcgateway.directory.DirectoryTypes.Presence;
import io.gcgateway.directory.DirectoryTypes.QueueMember;
import io.gcgateway.directory.DirectoryTypes.RoutingStatus;
import io.gcgateway.directory.DirectoryTypes.RoutingStatusValue;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

/** The directory changes an operator makes; each audited and published as a gateway event. */
@GraphQLApi
@RequiresRole(Role.OPERATOR)
public class DirectoryMutations {
    private final DirectoryChanges changes;

    DirectoryMutations(DirectoryChanges changes) {
        this.changes = changes;
    }

    @Mutation("setUserPresence")
    @Description("Sets a user's Genesys presence (a presenceDefinitions id); On Queue makes an agent available for ACD.")
    public @NonNull Uni<Presence> setUserPresence(@Name("userId") @NonNull @Id String userId,
            @Name("presenceId") @NonNull @Id String presenceId) {
        return changes.setPresence(userId, presenceId);
    }

    @Mutation("setRoutingStatus")
    @Description("Sets a user's routing status.")
    public @NonNull Uni<RoutingStatus> setRoutingStatus(@Name("userId") @NonNull @Id String userId,
            @Name("status") @NonNull RoutingStatusValue status) {
        return changes.setRoutingStatus(userId, status);
    }

    @Mutation("setQueueMembership")
    @Description("Joins a member to a queue or takes them out of it (they stay a member).")
    public @NonNull Uni<QueueMember> setQueueMembership(@Name("queueId") @NonNull @Id String queueId,
            @Name("userId") @NonNull @Id String userId, @Name("joined") @NonNull Boolean joined) {
        return changes.setMembership(queueId, userId, joined);
    }
}
