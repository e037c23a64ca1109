package io.gcgateway.genesys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the fault-tolerance guard of Genesys calls: on a REST client interface (its methods' default) or on one
 * method. {@link GenesysRestClients} applies it, with the access token, one retry after a 401 and the translation of
 * failures into gateway errors, to every method of the interface; nothing else is written per call.
 * <p>
 * Calls that share a name share one guard, and so one circuit breaker named like the guard.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface GenesysGuard {

    /** The guard's name, which is also its circuit breaker's name. */
    String value();

    /** Whether the call may safely run twice; this decides what the guard retries. */
    Safety safety() default Safety.IDEMPOTENT;

    /**
     * A configuration property holding this guard's per-attempt timeout, for calls that wait on more than Genesys
     * itself (a data action waits for its remote service); empty means {@code genesys.upstream.timeout}.
     */
    String attemptTimeoutProperty() default "";

    enum Safety {
        /** Reads, and writes that replace with the same content: retried on 429, 5xx, timeouts and lost connections. */
        IDEMPOTENT,
        /** Calls that must not run twice (execute, create, commands): retried only when Genesys cannot have acted. */
        NOT_IDEMPOTENT
    }
}
