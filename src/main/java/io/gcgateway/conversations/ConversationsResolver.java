package io.gcgateway.conversations;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.conversations.ConversationTypes.LiveConversation;
import io.gcgateway.conversations.ConversationTypes.TransitionInput;
import io.gcgateway.conversations.ConversationTypes.TransitionResult;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.READER)
public class ConversationsResolver {
    private final ConversationsService conversations;

    ConversationsResolver(ConversationsService conversations) {
        this.conversations = conversations;
    }

    @Query("conversation")
    @Description("A live conversation with its participants, communications and etag (GET /api/v2/conversations/{id}); "
            + "null if there is no such conversation.")
    public Uni<LiveConversation> conversation(@Name("id") @NonNull @Id String id) {
        return conversations.conversation(id);
    }

    @RequiresRole(Role.OPERATOR)
    @Mutation("transitionConversation")
    @Description("Changes a participant's state with the matching Genesys command (disconnect, hold, mute, wrap-up, "
            + "transfer). Checked first against the state matrix and ifMatch; transitions of one conversation are "
            + "serialized across gateway replicas. Answers once the new state shows (confirmed) or after a bounded wait.")
    public @NonNull Uni<TransitionResult> transitionConversation(@Name("input") @NonNull TransitionInput input) {
        return conversations.transition(input);
    }
}
