package io.gcgateway.simulator.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.PageEnvelope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v2/flows/datatables}: tables, and rows with the {@code showbrief} default of Genesys (keys only). */
@Path("/simulator/api/v2/flows/datatables")
@Produces(MediaType.APPLICATION_JSON)
public class DataTablesResource {
    private static final String PATH = "/api/v2/flows/datatables";

    private final DataTableStore store;

    DataTablesResource(DataTableStore store) {
        this.store = store;
    }

    @GET
    public Map<String, Object> tables(@QueryParam("expand") String expand, @QueryParam("pageNumber") Integer pageNumber,
            @QueryParam("pageSize") Integer pageSize, @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder, @QueryParam("name") String name) {
        List<ObjectNode> tables = store.tables(name, "schema".equals(expand), sortBy, "descending".equalsIgnoreCase(sortOrder));
        return PageEnvelope.of(tables, pageSize, pageNumber, PATH,
                new LinkedHashMap<>(Collections.singletonMap("expand", expand)));
    }

    @GET
    @Path("/{datatableId}")
    public ObjectNode table(@PathParam("datatableId") String tableId, @QueryParam("expand") String expand) {
        return store.table(tableId, "schema".equals(expand));
    }

    @GET
    @Path("/{datatableId}/rows")
    public Map<String, Object> rows(@PathParam("datatableId") String tableId, @QueryParam("pageNumber") Integer pageNumber,
            @QueryParam("pageSize") Integer pageSize, @QueryParam("showbrief") @DefaultValue("true") boolean showBrief,
            @QueryParam("sortOrder") String sortOrder) {
        return PageEnvelope.of(store.rows(tableId, showBrief, "descending".equalsIgnoreCase(sortOrder)), pageSize, pageNumber,
                PATH + "/" + tableId + "/rows", Map.of("showbrief", String.valueOf(showBrief)));
    }

    @GET
    @Path("/{datatableId}/rows/{rowId}")
    public ObjectNode row(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId,
            @QueryParam("showbrief") @DefaultValue("true") boolean showBrief) {
        return store.row(tableId, rowId, showBrief);
    }

    @POST
    @Path("/{datatableId}/rows")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode create(@PathParam("datatableId") String tableId, JsonNode row) {
        return store.create(tableId, row);
    }

    @PUT
    @Path("/{datatableId}/rows/{rowId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode replace(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId, JsonNode row) {
        return store.replace(tableId, rowId, row);
    }

    @DELETE
    @Path("/{datatableId}/rows/{rowId}")
    public Response delete(@PathParam("datatableId") String tableId, @PathParam("rowId") String rowId) {
        store.delete(tableId, rowId);
        return Response.noContent().build();
    }
}
