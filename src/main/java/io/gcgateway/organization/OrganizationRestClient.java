package io.gcgateway.organization;

import io.gcgateway.genesys.GenesysGuard;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code /api/v2/organizations}: the org the gateway's OAuth client belongs to. */
@Path("/api/v2/organizations")
@GenesysGuard("genesys-organization")
@RegisterForProxy
interface OrganizationRestClient {

    @GET
    @Path("/me")
    Uni<Organization> me();
}
