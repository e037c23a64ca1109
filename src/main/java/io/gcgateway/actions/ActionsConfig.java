package io.gcgateway.actions;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits of data action inputs, execution and idempotency. */
@ConfigMapping(prefix = "actions")
public interface ActionsConfig {

    /**
     * Budget of one execute/test call. Genesys lets an action's remote call take up to 60 s ({@code timeoutSeconds}),
     * so this is longer than the default upstream timeout.
     */
    @WithDefault("65s")
    Duration executeTimeout();

    /** Bounds on {@code input} checked before the contract is even looked at. */
    Input input();

    /** {@code idempotencyKey} handling. */
    Idempotency idempotency();

    /** {@code executeDataActionPaged}. */
    Paging paging();

    interface Input {
        /** Deepest nesting of objects and lists in an input (the top-level object is depth 1). */
        @WithDefault("32")
        @Min(1)
        @Max(1000)
        int maxDepth();

        /** Largest input, in bytes of compact JSON. */
        @WithDefault("262144")
        @Min(1)
        int maxBytes();
    }

    interface Idempotency {
        /** How long a key remembers its first result; a repeat within this window returns it without executing. */
        @WithDefault("24h")
        Duration window();

        /** How long a repeat waits for the first execution of its key to finish before answering IN_PROGRESS. */
        @WithDefault("30s")
        Duration waitForFirst();

        /** Budget of each Redis operation; slower means "idempotency store unavailable". */
        @WithDefault("500ms")
        Duration redisTimeout();
    }

    interface Paging {
        /** Largest {@code maxPages} a client may ask for. */
        @WithDefault("50")
        @Min(1)
        @Max(1000)
        int maxPages();

        /** Most items one paged execution aggregates; paging stops there. */
        @WithDefault("10000")
        @Min(1)
        int maxItems();
    }
}
