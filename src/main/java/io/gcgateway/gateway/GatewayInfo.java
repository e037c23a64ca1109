package io.gcgateway.gateway;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What this gateway instance is and what it talks to. */
@Type("GatewayInfo")
public record GatewayInfo(
        @NonNull String version,
        @NonNull @Description("Genesys region domain, or 'simulator'.") String region,
        @NonNull @Description("True when calls go to the embedded Genesys simulator, not a real org.") Boolean simulator,
        @NonNull CacheHealth cache,
        @NonNull @Description("False only in development: then every caller is treated as admin.") Boolean authenticationEnabled,
        @NonNull @Description("The Genesys request budget of the gateway's OAuth client, as this replica last knew it.")
        GenesysBudget genesysBudget) {

    /** The current one-minute window of the Genesys request budget, shared by all replicas. */
    @Type("GenesysBudget")
    public record GenesysBudget(
            @NonNull @Description("Requests Genesys allows per minute (inin-ratelimit-allowed, else "
                    + "genesys.budget.requests-per-minute).") Integer allowed,
            @NonNull @Description("Requests made in the current window.") Integer used,
            @NonNull @Description("Requests left in the current window.") Integer left,
            @NonNull @Description("When the current window ends.") OffsetDateTime resetsAt,
            @Description("Until when no call is sent, after Genesys answered 429; null when open.") OffsetDateTime closedUntil) {
    }

    /** State of the Redis cache; the gateway answers without it, uncached. */
    @Type("CacheHealth")
    public record CacheHealth(@NonNull @Description("Redis answered a ping just now.") Boolean available) {
    }
}
