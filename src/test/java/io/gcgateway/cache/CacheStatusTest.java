package io.gcgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A flapping Redis is one outage: one WARN, one INFO, and Redis skipped during the cool-down; fewer failures in a row
 * than {@code failures-before-outage} are no outage at all.
 */
class CacheStatusTest {

    @Test
    void outageIsLoggedOnceAndRedisIsSkippedDuringTheCoolDown() throws Exception {
        List<LogRecord> records = new ArrayList<>();
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
            AtomicLong clock = new AtomicLong();
            CacheStatus status = new CacheStatus(null, config(Duration.ofMillis(200)), new SimpleMeterRegistry(), clock::get);
            assertThat(status.shouldTry()).isTrue();

            // Two slow or failed operations between successes are a blip, not an outage.
            status.record(false);
            status.record(false);
            status.record(true);
            status.record(false);
            status.record(false);
            assertThat(status.shouldTry()).isTrue();
            assertThat(records).isEmpty();

            // The third in a row is.
            status.record(false);
            assertThat(status.shouldTry()).isFalse();
            status.record(false);
            clock.addAndGet(Duration.ofMillis(199).toNanos());
            assertThat(status.shouldTry()).as("still cooling down").isFalse();
            clock.addAndGet(Duration.ofMillis(1).toNanos());
            assertThat(status.shouldTry()).as("cool-down over").isTrue();
            // During an outage one failed retry extends the cool-down at once.
            status.record(false);
            assertThat(status.shouldTry()).isFalse();
            status.record(true);
            status.record(true);

            assertThat(records).extracting(LogRecord::getLevel).map(Level::getName)
                    .containsExactly("WARN", "INFO");
            assertThat(status.lastKnownAvailable()).isTrue();
        } finally {
            logger.removeHandler(capture);
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
