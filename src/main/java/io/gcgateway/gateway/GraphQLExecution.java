package io.gcgateway.gateway;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.jsonp.JsonProviderHolder;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.ExecutionService;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonParsingException;

/**
 * Runs a {@code POST /graphql} JSON request answered in UTF-8 that passed the front door ({@link GraphQLRequests}) as SmallRye's Vert.x
 * handler does ({@code SmallRyeGraphQLAbstractHandler} and {@code SmallRyeGraphQLExecutionHandler} in
 * quarkus-smallrye-graphql 3.33: request context, caller identity, current request, the same request object and
 * metadata handed to SmallRye's {@link ExecutionService}), and writes the response with {@link ResponseJson} instead
 * of a JSON-P tree. Results that writer does not handle (errors, extensions) are written by SmallRye's own
 * serialization, and requests this does not take (other content types, an {@code Accept} it does not answer, GET)
 * go on to SmallRye's handler: either way the bytes are those SmallRye would write ({@code ResponseJsonTest},
 * {@code GraphQLExecutionTest}).
 */
@ApplicationScoped
class GraphQLExecution {
    private static final Logger LOG = Logger.getLogger(GraphQLExecution.class);
    /** SmallRye's handler replaces raw line breaks and tabs in the body before reading it as JSON; so does this. */
    private static final Pattern NEWLINE_OR_TAB = Pattern.compile("\\n|\\t|\\r");
    private static final JsonReaderFactory READERS = JsonProviderHolder.jsonProvider().createReaderFactory(null);

    private final ManagedContext requestContext = Arc.container().requestContext();
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final boolean runBlocking;
    private volatile ExecutionService service;
    /** Requests this ran (not SmallRye's handler); for the test that compares the two. */
    private final LongAdder executed = new LongAdder();

    GraphQLExecution(Instance<CurrentIdentityAssociation> identities, CurrentVertxRequest currentRequest,
            @ConfigProperty(name = "quarkus.smallrye-graphql.nonblocking.enabled") Optional<Boolean> nonBlocking) {
        this.identities = identities.isResolvable() ? identities.get() : null;
        this.currentRequest = currentRequest;
        // As quarkus-smallrye-graphql decides it at build time: the route blocks only when non-blocking is turned off.
        this.runBlocking = nonBlocking.map(enabled -> !enabled).orElse(false);
    }

    /**
     * Executes the request in {@code context}'s body, answering with {@code contentType}; returns false, having done
     * nothing, when SmallRye's handler must take it instead (query parameters, which SmallRye may merge into a POST,
     * or a body its JSON-P reader refuses, which it answers in its own words).
     */
    boolean execute(RoutingContext context, String contentType) {
        if (context.request().query() != null) {
            return false;
        }
        JsonObject request;
        try {
            request = read(context.body().asString());
        } catch (JsonParsingException e) {
            return false;
        }
        HttpServerResponse response = context.response();
        response.endHandler(ignored -> terminate()).exceptionHandler(ignored -> terminate())
                .closeHandler(ignored -> terminate());
        if (!requestContext.isActive()) {
            requestContext.activate();
        }
        try {
            associateIdentity(context);
            currentRequest.setCurrent(context);
            response.headers().set(HttpHeaders.CONTENT_TYPE, contentType);
            executed.increment();
            service().executeAsync(request, metadata(context), new Writer(context));
            deactivate();
        } catch (Throwable t) {
            terminate();
            throw t;
        }
        return true;
    }

    long executed() {
        return executed.sum();
    }

    private static JsonObject read(String body) {
        try (JsonReader reader = READERS.createReader(new StringReader(NEWLINE_OR_TAB.matcher(body).replaceAll(" ")))) {
            return reader.readObject();
        }
    }

    private void associateIdentity(RoutingContext context) {
        if (identities == null) {
            return;
        }
        if (context.user() instanceof QuarkusHttpUser user) {
            identities.setIdentity(user.getSecurityIdentity());
        } else {
            identities.setIdentity(QuarkusHttpUser.getSecurityIdentity(context, null));
        }
    }

    private Map<String, Object> metadata(RoutingContext context) {
        Map<String, Object> metadata = new ConcurrentHashMap<>();
        metadata.put("runBlocking", runBlocking);
        Map<String, List<String>> headers = new HashMap<>();
        MultiMap all = context.request().headers();
        for (String name : all.names()) {
            headers.put(name, all.getAll(name));
        }
        metadata.put("httpHeaders", headers);
        metadata.put("state", requestContext.getState());
        return metadata;
    }

    private ExecutionService service() {
        ExecutionService found = service;
        if (found == null) {
            found = service = Arc.container().instance(ExecutionService.class).get();
        }
        return found;
    }

    private void deactivate() {
        SmallRyeContextManager.clearCurrentSmallRyeContext();
        requestContext.deactivate();
    }

    private void terminate() {
        SmallRyeContextManager.clearCurrentSmallRyeContext();
        requestContext.terminate();
    }

    /** SmallRye's {@code VertxExecutionResponseWriter}, writing through {@link ResponseJson} where it can. */
    private final class Writer implements ExecutionResponseWriter {
        private final RoutingContext context;

        Writer(RoutingContext context) {
            this.context = context;
        }

        @Override
        public void write(ExecutionResponse executionResponse) {
            ExecutionResult result = executionResponse.getExecutionResult();
            HttpServerResponse response = context.response();
            if (aborted(result)) {
                response.setStatusCode(500).end();
                return;
            }
            // SmallRye restores the request's context before it writes (ExecutionService#writeAsync).
            SmallRyeContext current = SmallRyeContextManager.getCurrentSmallRyeContext();
            String body = current == null ? executionResponse.getExecutionResultAsString()
                    : ResponseJson.body(result, current.getAddedExtensions());
            try {
                response.setStatusCode(200).setStatusMessage("OK").end(Buffer.buffer(body, "UTF-8"));
            } catch (IllegalStateException e) {
                LOG.debug("The response was already written", e); // as SmallRye's writer
            }
        }

        @Override
        public void fail(Throwable failure) {
            context.fail(failure);
        }

        /** SmallRye answers 500 when a result with data also has an aborted execution among its errors. */
        private static boolean aborted(ExecutionResult result) {
            if (result.isDataPresent() && !result.getErrors().isEmpty()) {
                for (GraphQLError error : result.getErrors()) {
                    if (error.getErrorType().equals(ErrorType.ExecutionAborted)) {
                        LOG.error("Execution aborted");
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
