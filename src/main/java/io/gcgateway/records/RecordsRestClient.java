package io.gcgateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.genesys.EntityListing;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** Architect data tables ({@code /api/v2/flows/datatables}) and the realtime audit query. Rows are flat JSON maps. */
@Path("/api/v2")
interface RecordsRestClient {

    @GET
    @Path("/flows/datatables")
    Uni<EntityListing<JsonNode>> tables(@QueryParam("expand") String expand, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("pageSize") int pageSize, @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/flows/datatables/{datatableId}")
    Uni<JsonNode> table(@PathParam("datatableId") String tableId, @QueryParam("expand") String expand);

    @GET
    @Path("/flows/datatables/{datatableId}/rows")
    Uni<EntityListing<ObjectNode>> rows(@PathParam("datatableId") String tableId, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("pageSize") int pageSize, @QueryParam("showbrief") boolean showBrief,
            @QueryParam("sortOrder") String sortOrder);

    @GET
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    Uni<ObjectNode> row(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId,
            @QueryParam("showbrief") boolean showBrief);

    @POST
    @Path("/flows/datatables/{datatableId}/rows")
    Uni<ObjectNode> createRow(@PathParam("datatableId") String tableId, ObjectNode row);

    @PUT
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    Uni<ObjectNode> replaceRow(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId, ObjectNode row);

    @DELETE
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    Uni<Void> deleteRow(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId);

    @POST
    @Path("/audits/query/realtime")
    Uni<EntityListing<JsonNode>> auditsRealtime(JsonNode query);
}
