package io.gcgateway.simulator.actions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.PageEnvelope;
import io.gcgateway.simulator.SimulatorException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v2/integrations} and {@code /api/v2/integrations/actions}: list, get, create, drafts, publish. */
@Path("/simulator/api/v2/integrations")
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {

    private final ActionStore store;
    private final ActionExecutor executor;

    ActionsResource(ActionStore store, ActionExecutor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Runs the action; the rendered success template, or the failing step's Genesys error. */
    @POST
    @Path("/actions/{actionId}/execute")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> execute(@PathParam("actionId") String actionId, JsonNode input) {
        return executor.run(actionId, input).map(run -> {
            if (!run.success()) {
                throw new SimulatorException(run.status(), run.code(), run.message(),
                        List.of(Map.of("errorCode", run.errorCode())));
            }
            return run.result();
        });
    }

    /** Runs the action and reports every step ({@code TestExecutionResult}); always 200. */
    @POST
    @Path("/actions/{actionId}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> test(@PathParam("actionId") String actionId, JsonNode input) {
        return executor.run(actionId, input).map(run -> {
            List<Map<String, Object>> operations = new ArrayList<>();
            for (int i = 0; i < run.steps().size(); i++) {
                Map<String, Object> operation = new LinkedHashMap<>();
                operation.put("step", i + 1);
                operation.putAll(run.steps().get(i));
                operations.add(operation);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("operations", operations);
            if (!run.success()) {
                result.put("error", Map.of("message", run.message(), "code", run.code(), "status", run.status()));
            }
            result.put("finalResult", run.result());
            result.put("success", run.success());
            return result;
        });
    }

    @GET
    public Map<String, Object> integrations(@QueryParam("pageSize") Integer pageSize, @QueryParam("pageNumber") Integer pageNumber) {
        return PageEnvelope.of(store.integrations(), pageSize, pageNumber, "/api/v2/integrations", Map.of());
    }

    @GET
    @Path("/actions")
    public Map<String, Object> list(@QueryParam("pageSize") Integer pageSize, @QueryParam("pageNumber") Integer pageNumber,
            @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder,
            @QueryParam("category") String category, @QueryParam("name") String name, @QueryParam("ids") String ids,
            @QueryParam("secure") Boolean secure, @QueryParam("includeConfig") boolean includeConfig) {
        Set<String> idSet = ids == null ? null : new HashSet<>(Arrays.asList(ids.split(",")));
        if (idSet != null && idSet.size() > 50) {
            throw SimulatorException.badRequest("ids may list at most 50 actions");
        }
        List<ObjectNode> actions = store.list(category, name, secure, idSet, sortBy, sortOrder, includeConfig);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sortBy", sortBy);
        query.put("sortOrder", sortOrder);
        query.put("category", category);
        query.put("name", name);
        query.put("ids", ids);
        query.put("secure", secure == null ? null : secure.toString());
        return PageEnvelope.of(actions, pageSize, pageNumber, ActionStore.BASE, query);
    }

    @POST
    @Path("/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode create(JsonNode body) {
        return store.create(body, false);
    }

    @POST
    @Path("/actions/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode createDraft(JsonNode body) {
        return store.create(body, true);
    }

    @GET
    @Path("/actions/{actionId}")
    public ObjectNode get(@PathParam("actionId") String actionId, @QueryParam("expand") String expand,
            @QueryParam("includeConfig") boolean includeConfig) {
        return store.get(actionId, "contract".equals(expand), includeConfig);
    }

    @PATCH
    @Path("/actions/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode patch(@PathParam("actionId") String actionId, JsonNode body) {
        return store.patch(actionId, body);
    }

    @DELETE
    @Path("/actions/{actionId}")
    public Response delete(@PathParam("actionId") String actionId) {
        store.delete(actionId);
        return Response.noContent().build();
    }

    @POST
    @Path("/actions/{actionId}/draft")
    public ObjectNode draftFromPublished(@PathParam("actionId") String actionId) {
        return store.draftFromPublished(actionId);
    }

    @GET
    @Path("/actions/{actionId}/draft")
    public ObjectNode draft(@PathParam("actionId") String actionId) {
        return store.draft(actionId);
    }

    @PATCH
    @Path("/actions/{actionId}/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode patchDraft(@PathParam("actionId") String actionId, JsonNode body) {
        return store.patchDraft(actionId, body);
    }

    @POST
    @Path("/actions/{actionId}/draft/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode publish(@PathParam("actionId") String actionId, JsonNode body) {
        return store.publish(actionId, body);
    }
}
