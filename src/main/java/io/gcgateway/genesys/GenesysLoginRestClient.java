package io.gcgateway.genesys;

import io.quarkus.runtime.annotations.RegisterForProxy;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The Genesys login host's OAuth token endpoint (client-credentials grant). Issuing a token twice is harmless, so the
 * call is guarded as idempotent: a 429 or 5xx from the token endpoint is retried like any read.
 */
@Path("/oauth/token")
@GenesysGuard("genesys-login")
@RegisterForProxy
interface GenesysLoginRestClient {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<TokenResponse> clientCredentials(@HeaderParam("Authorization") String basicAuthorization,
            @FormParam("grant_type") String grantType);
}
