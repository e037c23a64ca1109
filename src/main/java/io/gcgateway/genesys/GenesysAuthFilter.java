package io.gcgateway.genesys;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

/**
 * Adds {@code Authorization: Bearer}, {@code Accept} and {@code Content-Type} to every Platform API request without
 * blocking (the request is suspended while a token is fetched), and drops the token Genesys answers 401 to.
 */
final class GenesysAuthFilter implements ResteasyReactiveClientRequestFilter, ClientResponseFilter {
    private static final String BEARER = "Bearer ";

    private final AccessTokenProvider tokens;

    GenesysAuthFilter(AccessTokenProvider tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        if (request.hasEntity() && request.getMediaType() == null) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        request.suspend();
        tokens.accessToken().subscribe().with(token -> {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, BEARER + token);
            request.resume();
        }, request::resume);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getStatus() == 401) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.startsWith(BEARER)) {
                tokens.invalidate(authorization.substring(BEARER.length()));
            }
        }
    }
}
