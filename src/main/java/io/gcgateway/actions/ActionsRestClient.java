package io.gcgateway.actions;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.EntityListing;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** {@code /api/v2/integrations/actions}. Actions stay raw JSON: contracts are arbitrary JSON Schema. */
@Path("/api/v2/integrations/actions")
interface ActionsRestClient {

    @GET
    Uni<EntityListing<JsonNode>> list(@QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("category") String category, @QueryParam("name") String name,
            @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/{actionId}")
    Uni<JsonNode> get(@PathParam("actionId") String actionId, @QueryParam("expand") String expand,
            @QueryParam("includeConfig") boolean includeConfig);
}
