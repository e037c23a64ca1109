package io.gcgateway.gateway;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.genesys.GenesysEndpoints;
import io.smallrye.mutiny.Uni;

@GraphQLApi
public class GatewayInfoResolver {

    private final GenesysEndpoints genesys;
    private final CacheStatus cache;
    private final String version;

    GatewayInfoResolver(GenesysEndpoints genesys, CacheStatus cache,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.genesys = genesys;
        this.cache = cache;
        this.version = version;
    }

    @Query("gatewayInfo")
    @Description("Version, upstream and cache state of this gateway instance.")
    public @NonNull Uni<GatewayInfo> gatewayInfo() {
        return cache.probe().map(available -> new GatewayInfo(version, genesys.region(), genesys.simulated(),
                new GatewayInfo.CacheHealth(available)));
    }
}
