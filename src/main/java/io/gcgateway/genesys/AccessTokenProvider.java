package io.gcgateway.genesys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.gcgateway.errors.GatewayException;
import io.gcgateway.errors.UpstreamAuthFailedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds the gateway's Genesys access token.
 * <ul>
 * <li>Cached until less than max({@code refresh-margin}, {@code refresh-fraction} × lifetime) remains (at most half
 * the lifetime, so that short-lived tokens are still reused).</li>
 * <li>Single-flight: however many callers need a token at once, one token request is in flight.</li>
 * <li>A token Genesys rejects with 401 is dropped (only if it is still the current one, so N concurrent rejections
 * cause one refresh); {@link GuardedCalls} then repeats the call once, with a fresh token.</li>
 * </ul>
 * Hand-written rather than {@code quarkus-oidc-client}: its filter only marks a token for refresh after a 401 (the
 * repeat would still be ours), and its token URL is fixed at start-up, while the embedded simulator's is known only
 * once the HTTP server has its port.
 */
@ApplicationScoped
public class AccessTokenProvider {
    private static final Logger LOG = Logger.getLogger(AccessTokenProvider.class);

    private final GenesysRestClients clients;
    private final String basicAuthorization;
    private final GenesysConfig.Token config;
    private final Counter tokenRequests;
    private final AtomicReference<CachedToken> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<CachedToken>> inFlight = new AtomicReference<>();

    AccessTokenProvider(GenesysRestClients clients, GenesysEndpoints endpoints, GenesysConfig config, MeterRegistry registry) {
        this.clients = clients;
        String pair = endpoints.clientId() + ":" + endpoints.clientSecret();
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        this.config = config.token();
        this.tokenRequests = Counter.builder("gateway.genesys.token.requests")
                .description("Access-token requests sent to the Genesys login host").register(registry);
    }

    /** A valid access token, from cache or from one shared token request. */
    public Uni<String> accessToken() {
        return Uni.createFrom().deferred(() -> {
            CachedToken token = current.get();
            if (token != null && token.fresh(System.nanoTime())) {
                return Uni.createFrom().item(token.value());
            }
            return Uni.createFrom().completionStage(this::refresh).map(CachedToken::value);
        });
    }

    /** Whether a token is cached and not yet due for refresh (for tests that wait for a refresh to fall due). */
    boolean hasFreshToken() {
        CachedToken token = current.get();
        return token != null && token.fresh(System.nanoTime());
    }

    /** Drops {@code rejectedToken} if it is still the cached one; a later caller will fetch a new token. */
    public void invalidate(String rejectedToken) {
        CachedToken token = current.get();
        if (token != null && token.value().equals(rejectedToken) && current.compareAndSet(token, null)) {
            LOG.info("Genesys rejected the cached access token; a new one will be requested");
        }
    }

    private CompletableFuture<CachedToken> refresh() {
        CompletableFuture<CachedToken> mine = new CompletableFuture<>();
        CompletableFuture<CachedToken> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CachedToken cached = current.get();
        if (cached != null && cached.fresh(System.nanoTime())) {
            // Another caller finished a refresh between our cache check and claiming the flight.
            inFlight.set(null);
            mine.complete(cached);
            return mine;
        }
        tokenRequests.increment();
        GenesysLoginRestClient loginHost = clients.login(GenesysLoginRestClient.class);
        loginHost.clientCredentials(basicAuthorization, "client_credentials").subscribe().with(response -> {
            CachedToken token = CachedToken.of(response, config, System.nanoTime());
            current.set(token);
            inFlight.set(null);
            mine.complete(token);
        }, failure -> {
            inFlight.set(null);
            mine.completeExceptionally(asAuthFailure(failure));
        });
        return mine;
    }

    private static Throwable asAuthFailure(Throwable failure) {
        if (failure instanceof UpstreamAuthFailedException) {
            return failure;
        }
        String contextId = failure instanceof GatewayException g ? g.contextId() : null;
        String reason = failure instanceof GatewayException g ? " (" + g.getMessage() + ")" : "";
        LOG.warnf("Genesys access-token request failed: %s%s", failure.getClass().getSimpleName(), reason);
        return new UpstreamAuthFailedException("Could not obtain a Genesys access token" + reason, contextId);
    }

    /** A token and the monotonic time after which it should be refreshed. */
    private record CachedToken(String value, long refreshAtNanos) {

        static CachedToken of(TokenResponse response, GenesysConfig.Token config, long nowNanos) {
            Duration lifetime = Duration.ofSeconds(Math.max(1, response.expiresIn()));
            long fractionMargin = (long) (lifetime.toNanos() * config.refreshFraction());
            long margin = Math.max(config.refreshMargin().toNanos(), fractionMargin);
            margin = Math.min(margin, lifetime.toNanos() / 2);
            return new CachedToken(response.accessToken(), nowNanos + lifetime.toNanos() - margin);
        }

        boolean fresh(long nowNanos) {
            return nowNanos - refreshAtNanos < 0;
        }

        @Override
        public String toString() {
            return "CachedToken[refreshAtNanos=" + refreshAtNanos + "]";
        }
    }
}
