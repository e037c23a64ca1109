package io.gcgateway.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.genesys.EntityListing;
import io.gcgateway.genesys.GenesysGuard;
import io.gcgateway.genesys.GenesysGuard.Safety;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * Architect data tables ({@code /api/v2/flows/datatables}) and the realtime audit query. Rows are flat JSON maps.
 * <p>
 * Reads (including the audit query, a POST that only reads) are idempotent. A row PUT replaces the row with the same
 * content each time, but it is guarded as non-idempotent anyway: a retry after a lost answer could overwrite a newer
 * write made in between by someone outside the gateway.
 */
@Path("/api/v2")
@GenesysGuard("genesys-datatables")
@RegisterForProxy
interface RecordsRestClient {
    String WRITES = "genesys-datatables-writes";

    @GET
    @Path("/flows/datatables")
    @ClientQueryParam(name = "expand", value = "schema")
    @ClientQueryParam(name = "sortBy", value = "name")
    @ClientQueryParam(name = "sortOrder", value = "ascending")
    Uni<EntityListing<JsonNode>> tables(@QueryParam("pageNumber") int pageNumber, @QueryParam("pageSize") int pageSize);

    @GET
    @Path("/flows/datatables/{datatableId}")
    @ClientQueryParam(name = "expand", value = "schema")
    Uni<JsonNode> table(@PathParam("datatableId") String tableId);

    @GET
    @Path("/flows/datatables/{datatableId}/rows")
    @ClientQueryParam(name = "showbrief", value = "false")
    @ClientQueryParam(name = "sortOrder", value = "ascending")
    Uni<EntityListing<ObjectNode>> rows(@PathParam("datatableId") String tableId, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("pageSize") int pageSize);

    @GET
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    @ClientQueryParam(name = "showbrief", value = "false")
    Uni<ObjectNode> row(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId);

    @POST
    @Path("/flows/datatables/{datatableId}/rows")
    @GenesysGuard(value = WRITES, safety = Safety.NOT_IDEMPOTENT)
    Uni<ObjectNode> createRow(@PathParam("datatableId") String tableId, ObjectNode row);

    @PUT
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    @GenesysGuard(value = WRITES, safety = Safety.NOT_IDEMPOTENT)
    Uni<ObjectNode> replaceRow(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId, ObjectNode row);

    @DELETE
    @Path("/flows/datatables/{datatableId}/rows/{rowId}")
    @GenesysGuard(value = WRITES, safety = Safety.NOT_IDEMPOTENT)
    Uni<Void> deleteRow(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId);

    @POST
    @Path("/audits/query/realtime")
    Uni<EntityListing<JsonNode>> auditsRealtime(JsonNode query);
}
