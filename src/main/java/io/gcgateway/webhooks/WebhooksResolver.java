package io.gcgateway.webhooks;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.webhooks.WebhookTypes.RegisterWebhookInput;
import io.gcgateway.webhooks.WebhookTypes.StoredWebhook;
import io.gcgateway.webhooks.WebhookTypes.Webhook;
import io.gcgateway.webhooks.WebhookTypes.WebhookDeliveryConnection;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

/** Webhooks are an admin matter: their URLs and deliveries reveal where the organization's events go. */
@GraphQLApi
@RequiresRole(Role.ADMIN)
public class WebhooksResolver {
    private final WebhookRegistry registry;
    private final WebhookOutbox outbox;

    WebhooksResolver(WebhookRegistry registry, WebhookOutbox outbox) {
        this.registry = registry;
        this.outbox = outbox;
    }

    @Mutation("registerWebhook")
    @Description("Registers a receiver of gateway events; the same name again updates that webhook (url, events, "
            + "secret). Each event is POSTed as JSON with X-Gateway-Signature (HMAC-SHA256) and X-Gateway-Event-Id.")
    public @NonNull Uni<Webhook> registerWebhook(@Name("input") @NonNull RegisterWebhookInput input) {
        return registry.register(input).map(StoredWebhook::toGraphQL);
    }

    @Query("webhooks")
    @Description("Registered webhooks, by name.")
    public @NonNull Uni<List<@NonNull Webhook>> webhooks() {
        return registry.all().map(all -> all.stream().map(StoredWebhook::toGraphQL).toList());
    }

    @Mutation("deleteWebhook")
    @Description("Deletes a webhook; its pending deliveries are discarded. False if there was no such webhook.")
    public @NonNull Uni<Boolean> deleteWebhook(@Name("id") @NonNull @Id String id) {
        return registry.delete(id);
    }

    @Query("webhookDeliveries")
    @Description("Deliveries of a webhook, newest first, with their status (dead letters included) and attempts.")
    public @NonNull Uni<WebhookDeliveryConnection> webhookDeliveries(@Name("webhookId") @NonNull @Id String webhookId,
            @Name("first") @DefaultValue("25") Integer first, @Name("after") String after) {
        return outbox.deliveries(webhookId, first, after);
    }
}
