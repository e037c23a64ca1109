package io.gcgateway.security;

import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to run a production gateway that nobody could call, or that anybody could: with security on, at least one
 * API key or a JWT verification key must be configured; with security off outside development, it stops.
 */
@ApplicationScoped
class SecurityStartupCheck {
    private static final Logger LOG = Logger.getLogger(SecurityStartupCheck.class);

    void check(@Observes StartupEvent event, SecurityConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> jwtKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> jwtKey) {
        boolean production = LaunchMode.current() == LaunchMode.NORMAL;
        if (!config.enabled()) {
            if (production) {
                throw new IllegalStateException("gateway.security.enabled=false is for development only; configure API "
                        + "keys (gateway.security.api-keys) or a JWT verifier (mp.jwt.verify.publickey.location)");
            }
            LOG.warn("Client authentication is OFF: every caller is admin (development only)");
            return;
        }
        boolean jwt = jwtKeyLocation.filter(s -> !s.isBlank()).isPresent() || jwtKey.filter(s -> !s.isBlank()).isPresent();
        if (config.apiKeys().isEmpty() && !jwt) {
            throw new IllegalStateException("No client credentials configured: set gateway.security.api-keys.<name>.hash/"
                    + "roles or mp.jwt.verify.publickey.location (see docs/security.md)");
        }
    }
}
