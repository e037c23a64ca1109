package io.gcgateway.webhooks;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.gcgateway.gateway.PageInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The GraphQL shapes of webhooks and their deliveries, also their stored (JSON) form. */
public final class WebhookTypes {
    private WebhookTypes() {
    }

    @Type("Webhook")
    @RegisterForReflection
    @Description("A receiver of gateway events. Its secret is never shown again after registration.")
    public record Webhook(@NonNull @Id String id, @NonNull String name, @NonNull String url,
            @NonNull List<@NonNull String> events, @NonNull Instant createdAt, @NonNull Instant updatedAt) {
    }

    @Input("RegisterWebhookInput")
    @RegisterForReflection
    public record RegisterWebhookInput(
            @NonNull @Description("Unique; registering the same name again updates that webhook.") String name,
            @NonNull @Description("http or https URL that receives a POST per event.") String url,
            @NonNull @Description("conversation.transitioned, conversation.event, record.updated, dataAction.executed, "
                    + "user.presenceChanged, user.routingStatusChanged, queue.membershipChanged")
            List<@NonNull String> events,
            @NonNull @Description("HMAC-SHA256 key of the X-Gateway-Signature header (16 to 256 characters).") String secret) {
    }

    /** A webhook as stored in Redis, with its secret as {@link WebhookSecrets} stores it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredWebhook(String id, String name, String url, List<String> events, String secret, Instant createdAt,
            Instant updatedAt) {

        Webhook toGraphQL() {
            return new Webhook(id, name, url, events, createdAt, updatedAt);
        }
    }

    @Type("WebhookDelivery")
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WebhookDelivery(
            @NonNull @Id String id,
            @NonNull @Id String webhookId,
            @NonNull @Id @Description("The event id (X-Gateway-Event-Id): the same on every attempt, for de-duplication.") String eventId,
            @NonNull String eventType,
            @NonNull @Description("PENDING, RETRYING, DELIVERED, DEAD_LETTER or DISCARDED (webhook deleted).") String status,
            int attempts,
            @NonNull Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt,
            Integer lastStatusCode,
            String lastError,
            @Description("The JSON body that is POSTed.") String payload) {

        WebhookDelivery attempted(String status, Instant at, Instant next, Instant delivered, Integer code, String error) {
            return new WebhookDelivery(id, webhookId, eventId, eventType, status, attempts + 1, createdAt, at, next,
                    delivered, code, error, payload);
        }
    }

    @Type("WebhookDeliveryEdge")
    @RegisterForReflection
    public record WebhookDeliveryEdge(@NonNull String cursor, @NonNull WebhookDelivery node) {
    }

    @Type("WebhookDeliveryConnection")
    @RegisterForReflection
    public record WebhookDeliveryConnection(@NonNull List<@NonNull WebhookDeliveryEdge> edges, @NonNull PageInfo pageInfo) {
    }
}
