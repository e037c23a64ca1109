package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** The Notifications API (genesys-api.md §8.1): a channel, then its topic list; events arrive on its websocket. */
@Path("/api/v2/notifications/channels")
interface NotificationsRestClient {

    /** {@code {id, connectUri, expires}}. */
    @POST
    Uni<JsonNode> createChannel();

    /** Replaces the channel's topics with {@code [ {"id": topic}, ... ]}. */
    @PUT
    @Path("/{channelId}/subscriptions")
    Uni<JsonNode> replaceSubscriptions(@PathParam("channelId") String channelId,
            @QueryParam("ignoreErrors") boolean ignoreErrors, JsonNode topics);
}
