package io.gcgateway.simulator.organization;

import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gcgateway.simulator.SeededIds;
import io.gcgateway.simulator.SimulatorException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v2/organizations/me} and {@code /{organizationId}}: one seeded organization. */
@Path("/simulator/api/v2/organizations")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationsResource {
    private static final String[] NAMES = { "Acme Contact Center", "Globex Customer Care", "Initech Support",
            "Umbrella Service Desk", "Stark Care Line" };

    private final SimulatorOrganization organization;

    OrganizationsResource(SeededIds ids) {
        Random random = ids.random("organization");
        String name = NAMES[random.nextInt(NAMES.length)];
        String domain = name.toLowerCase().replaceAll("[^a-z]+", "");
        String id = ids.uuid("organization", 0);
        this.organization = new SimulatorOrganization(id, name, "en-us", "US", domain,
                "https://" + domain + ".example.com", domain, 7, "active", ids.uuid("site", 0),
                "https://help.mypurecloud.com", Boolean.TRUE, "PureCloud", "/api/v2/organizations/" + id,
                Map.of("realtimeCIC", Boolean.FALSE, "purecloud", Boolean.TRUE));
    }

    @GET
    @Path("/me")
    public SimulatorOrganization me() {
        return organization;
    }

    @GET
    @Path("/{organizationId}")
    public SimulatorOrganization byId(@PathParam("organizationId") String organizationId) {
        if (!organization.id().equals(organizationId)) {
            throw SimulatorException.notFound("Organization " + organizationId + " not found");
        }
        return organization;
    }

    /** Genesys {@code Organization} model. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SimulatorOrganization(String id, String name, String defaultLanguage, String defaultCountryCode,
            String thirdPartyOrgName, String thirdPartyURI, String domain, Integer version, String state,
            String defaultSiteId, String supportURI, Boolean voicemailEnabled, String productPlatform, String selfUri,
            Map<String, Boolean> features) {
    }
}
