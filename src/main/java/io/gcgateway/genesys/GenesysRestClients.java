package io.gcgateway.genesys;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds the typed Genesys REST clients. Every capability gets its client here so that all of them share one base
 * URL resolution (region, override or embedded simulator, decided at run time), one auth filter, one error mapper
 * and one set of transport timeouts.
 */
@ApplicationScoped
public class GenesysRestClients {

    private final GenesysEndpoints endpoints;
    private final GenesysConfig config;
    private final AccessTokenProvider tokens;

    GenesysRestClients(GenesysEndpoints endpoints, GenesysConfig config, AccessTokenProvider tokens) {
        this.endpoints = endpoints;
        this.config = config;
        this.tokens = tokens;
    }

    /** A client for a Platform API interface: bearer token, JSON headers and Genesys error mapping included. */
    public <T> T api(Class<T> restClientInterface) {
        return api(restClientInterface, config.upstream().timeout());
    }

    /**
     * As {@link #api(Class)}, for calls whose attempts may take longer than the default upstream timeout (data
     * action executions wait for the action's own remote call, up to 60 s).
     */
    public <T> T api(Class<T> restClientInterface, Duration attemptTimeout) {
        return builder(endpoints.apiUrl(), attemptTimeout)
                .register(new GenesysAuthFilter(tokens))
                .build(restClientInterface);
    }

    /** A client for the login host (no bearer token; the caller supplies Basic credentials). */
    <T> T login(Class<T> restClientInterface) {
        return builder(endpoints.loginUrl(), config.upstream().timeout()).build(restClientInterface);
    }

    private QuarkusRestClientBuilder builder(URI baseUri, Duration attemptTimeout) {
        GenesysConfig.Upstream upstream = config.upstream();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(upstream.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Transport safety net only: the per-attempt budget is the guard's timeout, which fires first.
                .readTimeout(attemptTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(new GenesysErrorMapper());
    }
}
