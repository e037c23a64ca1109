package io.gcgateway.conversations;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.GenesysGuard;
import io.gcgateway.genesys.GenesysGuard.Safety;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * The conversation reads and commands of the Platform API (Conversations; the official SDK's
 * ConversationsApi). Commands answer 202 with no body and
 * take effect asynchronously; there is no version or If-Match on conversations.
 * <p>
 * Reads are idempotent. Commands are not retried once Genesys may have accepted them: a second "transfer" or
 * "disconnect" after a lost 202 would act on a conversation that has moved on.
 */
@Path("/api/v2/conversations")
@GenesysGuard("genesys-conversations")
@RegisterForProxy
interface ConversationsRestClient {
    String COMMANDS = "genesys-conversations-commands";

    @GET
    @Path("/{conversationId}")
    Uni<JsonNode> conversation(@PathParam("conversationId") String conversationId);

    /** {@code media}: the media path segment of the participant's communication (calls, chats, emails, ...). */
    @GET
    @Path("/{media}/{conversationId}/participants/{participantId}/wrapupcodes")
    Uni<JsonNode> wrapupCodes(@PathParam("media") String media, @PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId);

    /** {@code MediaParticipantRequest}: state, held, muted, recording, wrapup. */
    @PATCH
    @GenesysGuard(value = COMMANDS, safety = Safety.NOT_IDEMPOTENT)
    @Path("/{media}/{conversationId}/participants/{participantId}")
    Uni<Void> patchParticipant(@PathParam("media") String media, @PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode mediaParticipantRequest);

    /** {@code WrapupInput} on the communication. */
    @POST
    @GenesysGuard(value = COMMANDS, safety = Safety.NOT_IDEMPOTENT)
    @Path("/{media}/{conversationId}/participants/{participantId}/communications/{communicationId}/wrapup")
    Uni<Void> wrapup(@PathParam("media") String media, @PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, @PathParam("communicationId") String communicationId,
            JsonNode wrapupInput);

    /** {@code TransferToQueueRequest}. */
    @POST
    @GenesysGuard(value = COMMANDS, safety = Safety.NOT_IDEMPOTENT)
    @Path("/{conversationId}/participants/{participantId}/replace/queue")
    Uni<Void> replaceWithQueue(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode transferToQueueRequest);

    /** {@code TransferToAgentRequest}. */
    @POST
    @GenesysGuard(value = COMMANDS, safety = Safety.NOT_IDEMPOTENT)
    @Path("/{conversationId}/participants/{participantId}/replace/agent")
    Uni<Void> replaceWithAgent(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode transferToAgentRequest);
}
