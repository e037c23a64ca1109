package io.gcgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gcgateway.cache.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Leased rate-limit tokens (the test profile allows 100,000 operations/s, so a lease is 100 tokens): they leave the
 * shared Redis bucket when leased, and the operations that spend them make no Redis call.
 */
@QuarkusTest
class RateLimitLeaseTest {
    @Inject
    ClientRateLimiter limiter;
    @Inject
    RedisDataSource redis;
    @Inject
    SecurityConfig config;

    @Test
    void aLeaseLeavesTheSharedBucketAtOnceAndIsSpentWithoutRedis() {
        String client = "lease-test-" + System.nanoTime();
        String bucket = ClientRateLimiter.PREFIX + RedisKeys.sha256(client);
        int burst = config.rateLimit().burst();

        assertThat(limiter.acquire(client, 1).await().atMost(Duration.ofSeconds(5))).isZero();
        Map<String, String> leased = redis.hash(String.class).hgetall(bucket);
        // The first operation took its token and 99 more for this replica.
        assertThat(Double.parseDouble(leased.get("tokens"))).isEqualTo(burst - 100.0);

        for (int i = 0; i < 99; i++) {
            assertThat(limiter.acquire(client, 1).await().atMost(Duration.ofSeconds(5))).isZero();
        }
        // Spent locally: the bucket was not touched (its timestamp is the lease's).
        assertThat(redis.hash(String.class).hgetall(bucket)).isEqualTo(leased);

        // The 101st operation needs a new lease (a millisecond later, so that its timestamp differs).
        long leasedAt = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > leasedAt);
        assertThat(limiter.acquire(client, 1).await().atMost(Duration.ofSeconds(5))).isZero();
        assertThat(redis.hash(String.class).hget(bucket, "at")).isNotEqualTo(leased.get("at"));
    }
}
