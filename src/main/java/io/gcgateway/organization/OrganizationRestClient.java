package io.gcgateway.organization;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code /api/v2/organizations}: the org the gateway's OAuth client belongs to. */
@Path("/api/v2/organizations")
interface OrganizationRestClient {

    @GET
    @Path("/me")
    Uni<Organization> me();
}
