package io.gcgateway.gateway;

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
        @NonNull @Description("False only in development: then every caller is treated as admin.") Boolean authenticationEnabled) {

    /** State of the Redis cache; the gateway answers without it, uncached. */
    @Type("CacheHealth")
    public record CacheHealth(@NonNull @Description("Redis answered a ping just now.") Boolean available) {
    }
}
