package io.gcgateway.directory;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.GenesysGuard;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The directory reads of the Platform API (Users, Presence and Routing; the official
 * SDK's UsersApi, PresenceApi and RoutingApi): users, queues, wrap-up codes and presence
 * definitions, each in bulk by repeated {@code id} (one call per batch of a query level); and the three settings
 * an operator changes (presence, routing status, queue membership), each setting a value and so safe to repeat.
 */
@Path("/api/v2")
@GenesysGuard("genesys-directory")
@RegisterForProxy
interface DirectoryRestClient {

    /** {@code UserEntityListing}; {@code expand} only what the selection needs ({@code presence}, {@code routingStatus}). */
    @GET
    @Path("/users")
    Uni<JsonNode> users(@QueryParam("id") List<String> ids, @QueryParam("expand") List<String> expand,
            @QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber);

    /**
     * {@code UserSearchRequest} → {@code UsersSearchResponse} ({@code results}, not {@code entities}). A read, though
     * a POST: safe to repeat.
     */
    @POST
    @Path("/users/search")
    Uni<JsonNode> searchUsers(JsonNode userSearchRequest);

    /** {@code UserQueueEntityListing}: the queues a user joined (Genesys's default {@code joined=true}). */
    @GET
    @Path("/users/{userId}/queues")
    Uni<JsonNode> userQueues(@PathParam("userId") String userId, @QueryParam("pageSize") int pageSize,
            @QueryParam("pageNumber") int pageNumber);

    /** {@code QueueEntityListing}; {@code name} with Genesys's leading and trailing asterisks. */
    @GET
    @Path("/routing/queues")
    Uni<JsonNode> queues(@QueryParam("id") List<String> ids, @QueryParam("name") String name,
            @QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber);

    /** {@code QueueMemberEntityListing} (no totals: page until {@code nextUri} is absent). */
    @GET
    @Path("/routing/queues/{queueId}/members")
    Uni<JsonNode> members(@PathParam("queueId") String queueId, @QueryParam("joined") Boolean joined,
            @QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber);

    /** {@code WrapupCodeEntityListing}. */
    @GET
    @Path("/routing/wrapupcodes")
    Uni<JsonNode> wrapUpCodes(@QueryParam("id") List<String> ids, @QueryParam("pageSize") int pageSize,
            @QueryParam("pageNumber") int pageNumber);

    /** {@code OrganizationPresenceDefinitionEntityListing} (not paged). */
    @GET
    @Path("/presence/definitions")
    Uni<JsonNode> presenceDefinitions();

    /**
     * {@code QueueObservationQuery} → {@code QueueObservationQueryResponse}: live counts per queue. A read, though a
     * POST; its own guard, so that a 429 on observations leaves directory reads alone.
     */
    @POST
    @Path("/analytics/queues/observations/query")
    @GenesysGuard("genesys-queue-observations")
    Uni<JsonNode> queueObservations(JsonNode queueObservationQuery);

    /**
     * {@code UserPresence} with {@code presenceDefinition.id}. Setting a value: safe to repeat, so guarded as a read.
     */
    @PATCH
    @Path("/users/{userId}/presences/purecloud")
    Uni<JsonNode> setPresence(@PathParam("userId") String userId, JsonNode userPresence);

    /** {@code RoutingStatus} with {@code status}; setting a value, safe to repeat. */
    @PUT
    @Path("/users/{userId}/routingstatus")
    Uni<JsonNode> setRoutingStatus(@PathParam("userId") String userId, JsonNode routingStatus);

    /** {@code QueueMember} with {@code joined}; answers 202, setting a value, safe to repeat. */
    @PATCH
    @Path("/routing/queues/{queueId}/members/{memberId}")
    Uni<Void> setMembership(@PathParam("queueId") String queueId, @PathParam("memberId") String memberId,
            JsonNode queueMember);
}
