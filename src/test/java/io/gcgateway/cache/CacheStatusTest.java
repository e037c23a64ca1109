package io.gcgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import io.gcgateway.errors.VersionConflictException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * A flapping Redis is one outage: one WARN, one INFO, and Redis skipped while the breaker is open; fewer failures in a
 * row than {@code failures-before-outage} are no outage at all. Runs in the application, where SmallRye Fault
 * Tolerance builds guards, with a breaker of its own.
 */
@QuarkusTest
class CacheStatusTest {

    @Test
    void outageIsLoggedOnceAndRedisIsSkippedWhileTheBreakerIsOpen() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            public void publish(LogRecord record) {
                records.add(record);
            }

            public void flush() {
            }

            public void close() {
            }
        };
        Logger logger = Logger.getLogger(CacheStatus.class.getName());
        logger.addHandler(capture);
        try {
            CacheStatus status = new CacheStatus(null, config(Duration.ofMillis(300)), "redis-test-" + UUID.randomUUID(),
                    "test Redis down", "test Redis up");
            AtomicInteger tried = new AtomicInteger();
            assertThat(status.available()).isTrue();

            // Two failed or late operations between successes are a blip, not an outage.
            fail(status, tried);
            late(status, tried);
            succeed(status, tried);
            fail(status, tried);
            fail(status, tried);
            assertThat(status.available()).isTrue();
            assertThat(records).isEmpty();

            // The third in a row is: Redis is no longer asked, every operation fails at once.
            fail(status, tried);
            assertThat(status.available()).isFalse();
            int before = tried.get();
            assertThatThrownBy(() -> succeed(status, tried)).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(tried).as("not asked while open").hasValue(before);

            // After the delay one operation tries again; its failure opens the breaker again without a second WARN.
            await().atMost(Duration.ofSeconds(5)).until(() -> attempt(status, tried, Uni.createFrom().failure(
                    new IOException("still down"))) instanceof IOException);
            assertThat(status.available()).isFalse();
            // Then Redis answers: one INFO.
            await().atMost(Duration.ofSeconds(5)).until(() -> attempt(status, tried, Uni.createFrom().item("PONG")) == null);
            assertThat(status.available()).isTrue();

            assertThat(records).extracting(LogRecord::getLevel).map(Level::getName).containsExactly("WARN", "INFO");
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void gatewayErrorsAreAnswersNotOutages() {
        CacheStatus status = new CacheStatus(null, config(Duration.ofSeconds(5)), "redis-test-" + UUID.randomUUID(),
                "test Redis down", "test Redis up");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> status.call(Duration.ofSeconds(1),
                    () -> Uni.createFrom().failure(new VersionConflictException("taken", 2)),
                    () -> new IllegalStateException("unavailable")).await().indefinitely())
                    .isInstanceOf(VersionConflictException.class);
        }
        assertThat(status.available()).isTrue();
    }

    private static void fail(CacheStatus status, AtomicInteger tried) {
        assertThatThrownBy(() -> run(status, tried, Uni.createFrom().failure(new IOException("refused"))))
                .hasCauseInstanceOf(IOException.class);
    }

    private static void late(CacheStatus status, AtomicInteger tried) {
        assertThatThrownBy(() -> status.call(Duration.ofMillis(20), () -> {
            tried.incrementAndGet();
            return Uni.createFrom().nothing();
        }, () -> new IllegalStateException("unavailable")).await().indefinitely()).isInstanceOf(IllegalStateException.class);
    }

    private static void succeed(CacheStatus status, AtomicInteger tried) {
        run(status, tried, Uni.createFrom().item("PONG"));
    }

    private static Object run(CacheStatus status, AtomicInteger tried, Uni<Object> reply) {
        return status.guarded(Duration.ofSeconds(1), () -> {
            tried.incrementAndGet();
            return reply;
        }).await().indefinitely();
    }

    /** The failure of one operation (null when it succeeded). */
    private static Throwable attempt(CacheStatus status, AtomicInteger tried, Uni<Object> reply) {
        try {
            run(status, tried, reply);
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null && !(e instanceof CircuitBreakerOpenException) ? e.getCause() : e;
        }
    }

    private static CacheConfig config(Duration coolDown) {
        return stub(CacheConfig.class,
                Map.of("probeTimeout", Duration.ofMillis(500), "retryAfterFailure", coolDown, "failuresBeforeOutage", 3));
    }

    private static <T> T stub(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> values.get(method.getName())));
    }
}
