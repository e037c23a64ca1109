package io.gcgateway.events;

import com.fasterxml.jackson.databind.JsonNode;

import io.gcgateway.genesys.GenesysGuard;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * The Notifications API: a channel, then its topic list; events arrive on its websocket. Replacing a channel's topic
 * list is idempotent. Creating a channel is not strictly (a retried create may leave an unused channel behind), but
 * an unused channel only expires: Genesys evicts the oldest beyond 20, so it is guarded as idempotent.
 */
@Path("/api/v2/notifications/channels")
@GenesysGuard("genesys-notifications")
@RegisterForProxy
interface NotificationsRestClient {

    /** {@code {id, connectUri, expires}}. */
    @POST
    Uni<JsonNode> createChannel();

    /** Replaces the channel's topics with {@code [ {"id": topic}, ... ]}. */
    @PUT
    @Path("/{channelId}/subscriptions")
    @ClientQueryParam(name = "ignoreErrors", value = "true")
    Uni<JsonNode> replaceSubscriptions(@PathParam("channelId") String channelId, JsonNode topics);
}
