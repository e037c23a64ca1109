package io.gcgateway.organization;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The Genesys organization ({@code GET /api/v2/organizations/me}), reduced to what the gateway exposes. */
@Type("Organization")
@Description("The Genesys Cloud organization the gateway is connected to.")
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Organization(
        @NonNull @Id String id,
        @NonNull String name,
        @Description("Short org name used in login URLs.") String domain,
        @Description("active, inactive or deleted.") String state) {
}
