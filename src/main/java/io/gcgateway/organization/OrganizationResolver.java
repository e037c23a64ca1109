package io.gcgateway.organization;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.gcgateway.genesys.GenesysRestClients;
import io.gcgateway.security.RequiresRole;
import io.gcgateway.security.Role;
import io.smallrye.mutiny.Uni;

@GraphQLApi
@RequiresRole(Role.READER)
public class OrganizationResolver {

    private final OrganizationRestClient organizations;

    OrganizationResolver(GenesysRestClients clients) {
        this.organizations = clients.api(OrganizationRestClient.class);
    }

    @Query("organization")
    @Description("The Genesys Cloud organization behind this gateway (GET /api/v2/organizations/me).")
    public @NonNull Uni<Organization> organization() {
        return organizations.me();
    }
}
