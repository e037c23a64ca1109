package io.gcgateway.genesys;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.gcgateway.errors.GatewayException;
import io.gcgateway.telemetry.UpstreamSpans;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

/**
 * What every Genesys call gets, applied once here rather than restated per method: room in the request budget
 * ({@link UpstreamBudget}) before each request is sent, the interface's declared guard (timeout, circuit breaker,
 * retry), one repeat after a 401 (the rejected token has been dropped, so the repeat carries a fresh one; it runs
 * inside the guard, so a 401 never counts as a retry or a breaker failure), and the translation of whatever failure
 * is left into a gateway error.
 */
final class GuardedCalls implements InvocationHandler {
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final Object rest;
    private final UpstreamBudget budget;
    private final UpstreamBudget.Priority priority;
    private final Map<Method, Function<Object[], Uni<Object>>> calls = new HashMap<>();

    /**
     * @param repeatOnUnauthorized whether a 401 is answered by one repeat (Platform API calls carry a token that may
     *        have expired; the login host's 401 means wrong credentials, which a repeat cannot fix)
     */
    /** @param budget the budget each request takes room from, with its priority; null for the login host */
    GuardedCalls(Class<?> restInterface, Object rest, UpstreamGuards guards, boolean repeatOnUnauthorized,
            UpstreamBudget budget, UpstreamBudget.Priority priority) {
        this.rest = rest;
        this.budget = budget;
        this.priority = priority;
        for (Method method : restInterface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            if (method.isDefault()) {
                // The REST client interfaces are package-private, and a proxy may not call their default methods.
                throw new IllegalStateException(restInterface.getSimpleName() + "." + method.getName()
                        + " is a default method: declare only Genesys calls on a REST client interface");
            }
            if (method.getReturnType() != Uni.class) {
                throw new IllegalStateException(restInterface.getSimpleName() + "." + method.getName()
                        + " must return Uni: Genesys calls never block");
            }
            GenesysGuard declared = method.isAnnotationPresent(GenesysGuard.class) ? method.getAnnotation(GenesysGuard.class)
                    : restInterface.getAnnotation(GenesysGuard.class);
            if (declared == null) {
                throw new IllegalStateException(restInterface.getSimpleName() + "." + method.getName()
                        + " has no @GenesysGuard (on the method or the interface)");
            }
            method.setAccessible(true);
            String operation = restInterface.getSimpleName() + "." + method.getName();
            calls.put(method, call(method, guards.guard(declared), declared.value(), operation, repeatOnUnauthorized));
        }
    }

    /** @param callClass what the budget closes after a 429: the calls that share this guard */
    private Function<Object[], Uni<Object>> call(Method method, Guard guard, String callClass, String operation,
            boolean repeatOnUnauthorized) {
        return args -> {
            Uni<Object> once = budget == null ? Uni.createFrom().deferred(() -> invoke(method, args))
                    : Uni.createFrom().deferred(() -> budget.acquire(priority, callClass).chain(() -> invoke(method, args)))
                            .onFailure(failure -> failure instanceof GenesysApiException e && e.isRateLimited())
                            .invoke(failure -> budget.rateLimited(callClass, ((GenesysApiException) failure).retryAfter()));
            Uni<Object> attempt = repeatOnUnauthorized
                    ? once.onFailure(GenesysApiException::isUnauthorized).recoverWithUni(() -> once)
                    : once;
            Uni<Object> guarded;
            try {
                guarded = guard.call(() -> attempt, UNI);
            } catch (Exception failure) {
                return Uni.createFrom().failure(UpstreamFailures.translate(operation, failure));
            }
            return guarded.onFailure().transform(failure -> UpstreamFailures.translate(operation, failure))
                    .onFailure(GatewayException.class).invoke(failure -> UpstreamSpans.failed(operation,
                            ((GatewayException) failure).code(), ((GatewayException) failure).contextId()));
        };
    }

    @SuppressWarnings("unchecked")
    private Uni<Object> invoke(Method method, Object[] args) {
        try {
            return (Uni<Object>) method.invoke(rest, args);
        } catch (InvocationTargetException e) {
            return Uni.createFrom().failure(e.getCause());
        } catch (IllegalAccessException e) {
            return Uni.createFrom().failure(e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Function<Object[], Uni<Object>> call = calls.get(method);
        if (call != null) {
            return call.apply(args);
        }
        return switch (method.getName()) {
            case "toString" -> "guarded " + rest;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.invoke(rest, args);
        };
    }
}
