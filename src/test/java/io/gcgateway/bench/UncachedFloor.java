package io.gcgateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.sun.management.OperatingSystemMXBean;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * The least CPU any gateway needs for an uncached {@code conversations(first: 25)}, measured without the gateway: what
 * is left when every framework layer is taken away. Run by {@link AnalyticsBenchmark} as its own JVM, on one Vert.x
 * event loop (the client the REST client and the Redis client are built on), with 16 requests in flight:
 * <ul>
 * <li>{@code fetch}: POST the details query to the simulator and receive its page (about 58 KB);</li>
 * <li>{@code fetch+tokenize}: the same, plus one pass of Jackson's streaming parser over the page, binding nothing;</li>
 * <li>{@code redis}: the two Redis round trips of a miss, as plain commands: a GET that finds nothing, and a SET of a
 * 16 KB entry, the size of a stored page (the gateway sends each as a script that also takes or releases the fetch
 * lock).</li>
 * </ul>
 * Prints one line per part: {@code floor <part> <CPU ms per request>}, this process's CPU after a warm-up round.
 * Arguments: simulator base URL (http://127.0.0.1:port/simulator), Redis URL, details-query body, requests per
 * round; the simulator access token comes in the environment variable {@code BENCH_ACCESS_TOKEN} (not on the command
 * line, where any local user could read it).
 */
public final class UncachedFloor {
    private static final int IN_FLIGHT = 16;
    private static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    private static final String ENTRY = "x".repeat(16_000);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(IN_FLIGHT));
    private final JsonFactory json = new JsonFactory();
    private final Redis redis;
    private final String host;
    private final int port;
    private final String uri;
    private final String token;
    private final String body;

    private UncachedFloor(String simulatorUrl, String token, String redisUrl, String body) {
        URI simulator = URI.create(simulatorUrl);
        this.host = simulator.getHost();
        this.port = simulator.getPort();
        this.uri = simulator.getPath() + DETAILS;
        this.token = token;
        this.body = body;
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                .setMaxPoolSize(IN_FLIGHT).setMaxPoolWaiting(1_000));
    }

    public static void main(String[] args) throws Exception {
        UncachedFloor floor = new UncachedFloor(args[0], System.getenv("BENCH_ACCESS_TOKEN"), args[1], args[2]);
        int requests = Integer.parseInt(args[3]);
        for (String part : new String[] { "fetch", "fetch+tokenize", "redis" }) {
            floor.round(part, requests); // warm-up: the JIT compiles this part's code
            floor.round(part, requests);
            System.out.printf(Locale.ROOT, "floor %s %.4f%n", part, floor.round(part, requests));
        }
        System.exit(0);
    }

    /** Runs {@code requests} of one part, 16 in flight; returns this process's CPU ms per request. */
    private double round(String part, int requests) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(IN_FLIGHT);
        long cpuBefore = processCpuNanos();
        for (int i = 0; i < IN_FLIGHT; i++) {
            vertx.runOnContext(v -> chain(part, next, requests, done));
        }
        done.await();
        return (processCpuNanos() - cpuBefore) / 1e6 / requests;
    }

    private void chain(String part, AtomicInteger next, int requests, CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= requests) {
            done.countDown();
            return;
        }
        Future<?> one = "redis".equals(part) ? missCommands("bench:floor:" + i) : fetch(part.endsWith("tokenize"));
        one.onComplete(result -> {
            if (result.failed()) {
                throw new IllegalStateException(part + " failed", result.cause());
            }
            chain(part, next, requests, done);
        });
    }

    private Future<Buffer> fetch(boolean tokenize) {
        return http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(uri)
                .addHeader("Authorization", "Bearer " + token).addHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .compose(HttpClientResponse::body)
                .map(page -> {
                    if (tokenize) {
                        try (JsonParser parser = json.createParser(page.getBytes())) {
                            while (parser.nextToken() != null) {
                                // Tokens only: the floor binds nothing.
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return page;
                });
    }

    private Future<?> missCommands(String key) {
        return redis.send(Request.cmd(Command.GET).arg(key))
                .compose(r -> redis.send(Request.cmd(Command.SET).arg(key).arg(ENTRY).arg("PX").arg("5000")));
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
