package io.gcgateway.gateway;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.cache.CacheStatus;
import io.gcgateway.genesys.GenesysEndpoints;
import io.gcgateway.genesys.UpstreamBudget;
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
    private final UpstreamBudget budget;

    GatewayInfoResolver(GenesysEndpoints genesys, CacheStatus cache, SecurityConfig security, UpstreamBudget budget,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.budget = budget;
        this.security = security;
        this.genesys = genesys;
        this.cache = cache;
        this.version = version;
    }

    @Query("gatewayInfo")
    @Description("Version, upstream and cache state of this gateway instance.")
    public @NonNull Uni<GatewayInfo> gatewayInfo() {
        return cache.probe().map(available -> new GatewayInfo(version, genesys.region(), genesys.simulated(),
                new GatewayInfo.CacheHealth(available), security.enabled(), budget()));
    }

    private GatewayInfo.GenesysBudget budget() {
        UpstreamBudget.View view = budget.view();
        long now = System.currentTimeMillis();
        boolean ended = now >= view.resetAtMillis();
        int used = ended ? 0 : view.used();
        long closedUntil = budget.closedUntil();
        return new GatewayInfo.GenesysBudget(view.allowed(), used, Math.max(0, view.allowed() - used),
                time(ended ? now : view.resetAtMillis()), closedUntil > now ? time(closedUntil) : null);
    }

    private static OffsetDateTime time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }
}
