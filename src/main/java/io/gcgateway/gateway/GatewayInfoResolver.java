package io.gcgateway.gateway;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.genesys.GenesysEndpoints;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.gcgateway.security.SecurityConfig;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.READER)
public class GatewayInfoResolver {

    private final GenesysEndpoints genesys;
    private final CacheStatus cache;
    private final String version;
    private final SecurityConfig security;

    GatewayInfoResolver(GenesysEndpoints genesys, CacheStatus cache, SecurityConfig security,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.security = security;
        this.genesys = genesys;
        this.cache = cache;
        this.version = version;
    }

    @Query("gatewayInfo")
    @Description("Version, upstream and cache state of this gateway instance.")
    public @NonNull Uni<GatewayInfo> gatewayInfo() {
        return cache.probe().map(available -> new GatewayInfo(version, genesys.region(), genesys.simulated(),
                new GatewayInfo.CacheHealth(available), security.enabled()));
    }
}
