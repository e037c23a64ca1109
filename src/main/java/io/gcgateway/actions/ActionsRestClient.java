package io.gcgateway.actions;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.EntityListing;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * {@code /api/v2/integrations} and its data actions. Actions, inputs and results stay raw JSON: contracts are
 * arbitrary JSON Schema and results are whatever the action's success template renders.
 */
@Path("/api/v2/integrations")
interface ActionsRestClient {

    @GET
    Uni<EntityListing<JsonNode>> integrations(@QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber);

    @GET
    @Path("/actions")
    Uni<EntityListing<JsonNode>> list(@QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("category") String category, @QueryParam("name") String name,
            @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/actions/{actionId}")
    Uni<JsonNode> get(@PathParam("actionId") String actionId, @QueryParam("expand") String expand,
            @QueryParam("includeConfig") boolean includeConfig);

    @POST
    @Path("/actions/{actionId}/execute")
    Uni<JsonNode> execute(@PathParam("actionId") String actionId, JsonNode input);

    @POST
    @Path("/actions/{actionId}/test")
    Uni<JsonNode> test(@PathParam("actionId") String actionId, JsonNode input);

    @POST
    @Path("/actions/drafts")
    Uni<JsonNode> createDraft(JsonNode action);

    @POST
    @Path("/actions/{actionId}/draft/publish")
    Uni<JsonNode> publishDraft(@PathParam("actionId") String actionId, JsonNode publish);
}
