package io.gcgateway.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.gcgateway.simulator.control.FaultInjector;
import io.gcgateway.simulator.control.FaultRule;
import io.gcgateway.simulator.control.RequestJournal;
import io.gcgateway.simulator.control.SimulatorSettings;
import io.gcgateway.simulator.oauth.TokenStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * What every Genesys response has in common, applied to all simulator paths before they reach a resource:
 * a correlation id, the request journal, injected faults, bearer-token checks and the per-token rate limit.
 */
public class SimulatorRequestFilter {
    public static final String PREFIX = "/simulator";
    static final String CORRELATION_ID = "simulator.correlationId";
    private static final String RATE_DECISION = "simulator.rateDecision";
    private static final String CONTROL_PREFIX = PREFIX + "/_control";

    private final boolean enabled;
    private final RequestJournal journal;
    private final FaultInjector faults;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final SimulatorSettings settings;

    SimulatorRequestFilter(SimulatorMode mode, RequestJournal journal, FaultInjector faults, TokenStore tokens,
            RateLimiter rateLimiter, SimulatorSettings settings) {
        this.enabled = mode.enabled();
        this.journal = journal;
        this.faults = faults;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> intercept(ContainerRequestContext context, HttpServerRequest request) {
        String fullPath = context.getUriInfo().getPath();
        if (!fullPath.startsWith(PREFIX + "/")) {
            return null;
        }
        if (!enabled) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        String correlationId = UUID.randomUUID().toString();
        context.setProperty(CORRELATION_ID, correlationId);
        if (fullPath.startsWith(CONTROL_PREFIX)) {
            return null;
        }
        String path = fullPath.substring(PREFIX.length());
        String method = context.getMethod();
        journal.record(method, path);

        Optional<FaultRule> fault = faults.take(method, path);
        if (fault.isPresent()) {
            FaultRule rule = fault.get();
            Uni<Void> wait = rule.delayMillis() > 0
                    ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(rule.delayMillis()))
                    : Uni.createFrom().voidItem();
            return wait.map(ignored -> {
                if (rule.dropConnection()) {
                    request.connection().close();
                    return Response.serverError().build();
                }
                if (rule.status() > 0) {
                    String code = rule.code() != null ? rule.code() : GenesysErrorResponse.defaultCode(rule.status());
                    String message = rule.message() != null ? rule.message() : "Injected fault: HTTP " + rule.status();
                    return GenesysErrorResponse.response(rule.status(), code, message, correlationId,
                            List.of(), rule.retryAfterSeconds());
                }
                return checkAccess(context, path, correlationId);
            });
        }
        Response denied = checkAccess(context, path, correlationId);
        return denied == null ? null : Uni.createFrom().item(denied);
    }

    /** Bearer token and rate limit for {@code /api/v2}; null lets the request through. */
    private Response checkAccess(ContainerRequestContext context, String path, String correlationId) {
        if (!path.startsWith("/api/")) {
            return null;
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return GenesysErrorResponse.response(401, "authentication.required",
                    "No authentication bearer token specified in authorization header.", correlationId);
        }
        String token = authorization.substring(7).trim();
        switch (tokens.check(token)) {
            case UNKNOWN:
                return GenesysErrorResponse.response(401, "bad.credentials", "Invalid login credentials.", correlationId);
            case EXPIRED:
                return GenesysErrorResponse.response(401, "credentials.expired", "The supplied credentials are expired.",
                        correlationId);
            default:
                break;
        }
        RateLimiter.Decision decision = rateLimiter.acquire(token, settings.rateLimitPerMinute());
        context.setProperty(RATE_DECISION, decision);
        if (!decision.allowed()) {
            return GenesysErrorResponse.response(429, "too.many.requests.retry.after",
                    "Rate limit exceeded the maximum. Retry the request in [" + decision.resetSeconds() + "] seconds",
                    correlationId, List.of(), decision.resetSeconds());
        }
        return null;
    }

    @ServerResponseFilter
    public void addGenesysHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        Object correlationId = request.getProperty(CORRELATION_ID);
        if (correlationId == null) {
            return;
        }
        response.getHeaders().putSingle("ININ-Correlation-Id", correlationId);
        if (request.getProperty(RATE_DECISION) instanceof RateLimiter.Decision decision) {
            response.getHeaders().putSingle("inin-ratelimit-count", Math.min(decision.count(), decision.allowedPerWindow()));
            response.getHeaders().putSingle("inin-ratelimit-allowed", decision.allowedPerWindow());
            response.getHeaders().putSingle("inin-ratelimit-reset", decision.resetSeconds());
        }
    }

    /** The correlation id of the request being handled, for error bodies written by resources. */
    static String correlationId(ContainerRequestContext context) {
        Object id = context.getProperty(CORRELATION_ID);
        return id != null ? id.toString() : UUID.randomUUID().toString();
    }
}
