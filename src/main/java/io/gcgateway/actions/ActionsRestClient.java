package io.gcgateway.actions;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.EntityListing;
import io.gcgateway.genesys.GenesysGuard;
import io.gcgateway.genesys.GenesysGuard.Safety;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/**
 * {@code /api/v2/integrations} and its data actions. Actions, inputs and results stay raw JSON: contracts are
 * arbitrary JSON Schema and results are whatever the action's success template renders.
 * <p>
 * Reads are idempotent. Executing or testing an action runs its remote request, and creating or publishing one
 * changes Genesys: those are retried only when Genesys cannot have acted (429, connection refused). Executions wait
 * for the action's own remote call, so their attempts have their own timeout.
 */
@Path("/api/v2/integrations")
@GenesysGuard("genesys-actions")
@RegisterForProxy
interface ActionsRestClient {
    String EXECUTIONS = "genesys-actions-execute";
    String WRITES = "genesys-actions-writes";
    String EXECUTE_TIMEOUT = "actions.execute-timeout";

    @GET
    Uni<EntityListing<JsonNode>> integrations(@QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber);

    @GET
    @Path("/actions")
    @ClientQueryParam(name = "sortBy", value = "name")
    @ClientQueryParam(name = "sortOrder", value = "ASC")
    Uni<EntityListing<JsonNode>> list(@QueryParam("pageSize") int pageSize, @QueryParam("pageNumber") int pageNumber,
            @QueryParam("category") String category, @QueryParam("name") String name);

    /** One action with its contract and config. */
    @GET
    @Path("/actions/{actionId}")
    @ClientQueryParam(name = "expand", value = "contract")
    @ClientQueryParam(name = "includeConfig", value = "true")
    Uni<JsonNode> get(@PathParam("actionId") String actionId);

    @POST
    @Path("/actions/{actionId}/execute")
    @GenesysGuard(value = EXECUTIONS, safety = Safety.NOT_IDEMPOTENT, attemptTimeoutProperty = EXECUTE_TIMEOUT)
    Uni<JsonNode> execute(@PathParam("actionId") String actionId, JsonNode input);

    @POST
    @Path("/actions/{actionId}/test")
    @GenesysGuard(value = EXECUTIONS, safety = Safety.NOT_IDEMPOTENT, attemptTimeoutProperty = EXECUTE_TIMEOUT)
    Uni<JsonNode> test(@PathParam("actionId") String actionId, JsonNode input);

    @POST
    @Path("/actions/drafts")
    @GenesysGuard(value = WRITES, safety = Safety.NOT_IDEMPOTENT)
    Uni<JsonNode> createDraft(JsonNode action);

    @POST
    @Path("/actions/{actionId}/draft/publish")
    @GenesysGuard(value = WRITES, safety = Safety.NOT_IDEMPOTENT)
    Uni<JsonNode> publishDraft(@PathParam("actionId") String actionId, JsonNode publish);
}
