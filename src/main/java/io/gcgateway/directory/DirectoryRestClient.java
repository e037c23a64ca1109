package io.gcgateway.directory;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.GenesysGuard;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * The directory reads of the Platform API (genesys-graph-api.md §1–§6): users, queues, wrap-up codes and presence
 * definitions, each in bulk by repeated {@code id} (one call per batch of a query level). All reads: idempotent.
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
}
