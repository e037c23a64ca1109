package io.gcgateway.simulator.notifications;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gcgateway.simulator.SimulatorConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/v2/notifications/channels}: channels and their topic subscriptions. */
@Path("/simulator/api/v2/notifications/channels")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {
    private final NotificationHub hub;
    private final String socketBase;

    NotificationsResource(NotificationHub hub, SimulatorConfig config) {
        this.hub = hub;
        this.socketBase = config.baseUrl().toString().replaceFirst("^http", "ws").replaceAll("/+$", "");
    }

    @POST
    public ObjectNode create() {
        return hub.create(socketBase);
    }

    @GET
    public Map<String, List<ObjectNode>> list(@QueryParam("includechannels") String includeChannels) {
        return Map.of("entities", hub.list());
    }

    @HEAD
    @Path("/{channelId}")
    public Response exists(@PathParam("channelId") String channelId) {
        return Response.status(hub.exists(channelId) ? 200 : 404).build();
    }

    @GET
    @Path("/{channelId}/subscriptions")
    public Map<String, List<ObjectNode>> topics(@PathParam("channelId") String channelId) {
        return Map.of("entities", hub.topics(channelId));
    }

    @PUT
    @Path("/{channelId}/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, List<ObjectNode>> replace(@PathParam("channelId") String channelId,
            @QueryParam("ignoreErrors") boolean ignoreErrors, JsonNode topics) {
        return Map.of("entities", hub.subscribe(channelId, topics, true, ignoreErrors));
    }

    @POST
    @Path("/{channelId}/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, List<ObjectNode>> add(@PathParam("channelId") String channelId,
            @QueryParam("ignoreErrors") boolean ignoreErrors, JsonNode topics) {
        return Map.of("entities", hub.subscribe(channelId, topics, false, ignoreErrors));
    }

    @DELETE
    @Path("/{channelId}/subscriptions")
    public void removeAll(@PathParam("channelId") String channelId) {
        hub.unsubscribeAll(channelId);
    }
}
