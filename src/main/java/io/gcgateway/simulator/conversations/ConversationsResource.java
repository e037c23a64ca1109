package io.gcgateway.simulator.conversations;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v2/conversations}: reads and the participant commands of voice conversations. Commands answer
 * 202 Accepted with no body and take effect asynchronously.
 */
@Path("/simulator/api/v2/conversations")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {
    private final LiveConversationStore store;

    ConversationsResource(LiveConversationStore store) {
        this.store = store;
    }

    @GET
    @Path("/{conversationId}")
    public ObjectNode conversation(@PathParam("conversationId") String conversationId) {
        return store.read(conversationId);
    }

    @GET
    @Path("/calls/{conversationId}")
    public ObjectNode call(@PathParam("conversationId") String conversationId) {
        return store.read(conversationId);
    }

    @PATCH
    @Path("/calls/{conversationId}/participants/{participantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response patchCallParticipant(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode body) {
        store.patchParticipant(conversationId, participantId, body);
        return Response.accepted().build();
    }

    @PATCH
    @Path("/{conversationId}/participants/{participantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response patchParticipant(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode body) {
        store.patchParticipant(conversationId, participantId, body);
        return Response.accepted().build();
    }

    @GET
    @Path("/calls/{conversationId}/participants/{participantId}/wrapupcodes")
    public List<ObjectNode> callWrapupCodes(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId) {
        return store.wrapupCodes(conversationId, participantId);
    }

    @GET
    @Path("/{conversationId}/participants/{participantId}/wrapupcodes")
    public List<ObjectNode> wrapupCodes(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId) {
        return store.wrapupCodes(conversationId, participantId);
    }

    @POST
    @Path("/calls/{conversationId}/participants/{participantId}/communications/{communicationId}/wrapup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response wrapup(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, @PathParam("communicationId") String communicationId,
            JsonNode body) {
        store.wrapup(conversationId, participantId, communicationId, body);
        return Response.accepted().build();
    }

    @POST
    @Path("/{conversationId}/participants/{participantId}/replace/queue")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceWithQueue(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode body) {
        store.replaceWithQueue(conversationId, participantId, body);
        return Response.accepted().build();
    }

    @POST
    @Path("/{conversationId}/participants/{participantId}/replace/agent")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replaceWithAgent(@PathParam("conversationId") String conversationId,
            @PathParam("participantId") String participantId, JsonNode body) {
        store.replaceWithAgent(conversationId, participantId, body);
        return Response.accepted().build();
    }

    @POST
    @Path("/{conversationId}/disconnect")
    public Response disconnect(@PathParam("conversationId") String conversationId) {
        store.disconnect(conversationId);
        return Response.accepted("\"" + conversationId + "\"").type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
