package io.gcgateway.genesys;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Delay before the next attempt: the upstream's {@code Retry-After} when it sent one, otherwise exponential backoff
 * with "equal jitter" (a wait drawn between half and all of the delay). A new instance serves each guarded
 * invocation, so it also owns that call's total deadline.
 */
final class RetryAfterBackoff implements CustomBackoffStrategy {

    private final long maxDelayMillis;
    private final long deadlineNanos;
    private long initialDelayMillis;
    private long startNanos;
    private int retries;

    RetryAfterBackoff(Duration maxDelay, Duration deadline) {
        this.maxDelayMillis = maxDelay.toMillis();
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public void init(long initialDelayInMillis) {
        this.initialDelayMillis = initialDelayInMillis;
        this.startNanos = System.nanoTime();
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long delay = cause instanceof GenesysApiException e && e.retryAfter().isPresent()
                ? e.retryAfter().get().toMillis()
                : jitteredExponential();
        retries++;
        long remainingMillis = (deadlineNanos - (System.nanoTime() - startNanos)) / 1_000_000;
        if (delay >= remainingMillis) {
            // Waiting would overrun the call's deadline: fail now, with the real cause, instead of sleeping in vain.
            throw UpstreamDeadline.<RuntimeException>rethrow(cause);
        }
        return delay;
    }

    private long jitteredExponential() {
        long ceiling = Math.min(maxDelayMillis, initialDelayMillis << Math.min(retries, 20));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    /** Rethrows a (possibly checked) cause unchanged; the retry loop completes the call with it. */
    static final class UpstreamDeadline {
        private UpstreamDeadline() {
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> RuntimeException rethrow(Throwable cause) throws T {
            throw (T) cause;
        }
    }
}
