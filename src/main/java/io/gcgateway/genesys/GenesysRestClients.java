package io.gcgateway.genesys;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.annotations.RegisterForProxy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The typed Genesys REST clients, one per interface, all built here: one base URL resolution (region, override or
 * embedded simulator, decided at run time), one auth filter, one error mapper, one set of transport timeouts, and
 * the guard each method declares with {@link GenesysGuard}, applied by {@link GuardedCalls}.
 * <p>
 * A capability's REST client interface is package-private, annotated with {@link GenesysGuard} and
 * {@link RegisterForProxy} (the guarded client is a JDK proxy, which a native image must know of), and reached
 * with {@link #api(Class)}.
 */
@ApplicationScoped
public class GenesysRestClients {

    private final GenesysEndpoints endpoints;
    private final GenesysConfig config;
    private final AccessTokenProvider tokens;
    private final UpstreamGuards guards;
    private final UpstreamBudget budget;
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> backgroundClients = new ConcurrentHashMap<>();

    GenesysRestClients(GenesysEndpoints endpoints, GenesysConfig config, AccessTokenProvider tokens, UpstreamGuards guards,
            UpstreamBudget budget) {
        this.endpoints = endpoints;
        this.config = config;
        this.tokens = tokens;
        this.guards = guards;
        this.budget = budget;
    }

    /** The guarded client for a Platform API interface: bearer token, JSON headers and Genesys error mapping included. */
    public <T> T api(Class<T> restInterface) {
        return restInterface.cast(clients.computeIfAbsent(restInterface,
                type -> guarded(type, platformApi(type), true, UpstreamBudget.Priority.INTERACTIVE)));
    }

    /**
     * As {@link #api(Class)}, for the gateway's own background work (polling a job, re-reading after a command,
     * renewing a channel): its calls take budget only while enough is left for interactive queries.
     */
    public <T> T background(Class<T> restInterface) {
        return restInterface.cast(backgroundClients.computeIfAbsent(restInterface,
                type -> guarded(type, platformApi(type), true, UpstreamBudget.Priority.BACKGROUND)));
    }

    /** The guarded client for the login host (no bearer token, no request budget: the caller supplies Basic credentials). */
    <T> T login(Class<T> restInterface) {
        return restInterface.cast(clients.computeIfAbsent(restInterface,
                type -> guarded(type, builder(endpoints.loginUrl(), type).build(type), false, null)));
    }

    private Object platformApi(Class<?> restInterface) {
        return builder(endpoints.apiUrl(), restInterface).register(new GenesysAuthFilter(tokens))
                .register(new GenesysBudgetFilter(budget)).build(restInterface);
    }

    private Object guarded(Class<?> restInterface, Object rest, boolean repeatOnUnauthorized,
            UpstreamBudget.Priority priority) {
        if (!restInterface.isAnnotationPresent(RegisterForProxy.class)) {
            throw new IllegalStateException(restInterface.getSimpleName() + " needs @RegisterForProxy: its guarded client"
                    + " is a proxy, which a native image only builds for interfaces it was told of");
        }
        return Proxy.newProxyInstance(restInterface.getClassLoader(), new Class<?>[] { restInterface },
                new GuardedCalls(restInterface, rest, guards, repeatOnUnauthorized, priority == null ? null : budget,
                        priority));
    }

    private QuarkusRestClientBuilder builder(URI baseUri, Class<?> restInterface) {
        GenesysConfig.Upstream upstream = config.upstream();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(upstream.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Transport safety net only: the per-attempt budget is the guard's timeout, which fires first.
                .readTimeout(longestAttempt(restInterface).toMillis() * 2, TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(new GenesysErrorMapper());
    }

    private Duration longestAttempt(Class<?> restInterface) {
        List<GenesysGuard> declared = new ArrayList<>();
        for (Method method : restInterface.getMethods()) {
            GenesysGuard guard = method.getAnnotation(GenesysGuard.class);
            if (guard != null) {
                declared.add(guard);
            }
        }
        return guards.longestAttempt(declared);
    }
}
