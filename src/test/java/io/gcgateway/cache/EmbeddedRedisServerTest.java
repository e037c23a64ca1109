package io.gcgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.gcgateway.RedisTestResource;

/** The Redis a machine with only a JDK gets: the binary shipped in the embedded-redis artifact. */
class EmbeddedRedisServerTest {

    @Test
    void bundledRedisServerAnswersPingAndStops() throws Exception {
        int port = RedisTestResource.freePort();
        try (EmbeddedRedisServer server = EmbeddedRedisServer.startBundled(port)) {
            assertThat(ping(port)).isEqualTo("+PONG");
        }
        assertThat(EmbeddedRedisServer.listening(port)).isFalse();
    }

    private static String ping(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
