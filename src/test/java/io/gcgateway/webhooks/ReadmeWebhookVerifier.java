package io.gcgateway.webhooks;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * The webhook receiver's signature check exactly as docs/webhooks.md shows it: its {@code WebhookVerifier} code
 * block, compiled at test time, so the documented code is the code that verifies real deliveries in the tests.
 */
final class ReadmeWebhookVerifier {
    private static Method verify;

    private ReadmeWebhookVerifier() {
    }

    static synchronized boolean verify(String secret, String signatureHeader, String body, long nowEpochSeconds) throws Exception {
        if (verify == null) {
            verify = compile().getMethod("verify", String.class, String.class, String.class, long.class);
        }
        return (Boolean) verify.invoke(null, secret, signatureHeader, body, nowEpochSeconds);
    }

    private static Class<?> compile() throws Exception {
        String readme = Files.readString(Path.of("docs", "webhooks.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("```java\\n(.*?public final class WebhookVerifier.*?)```", Pattern.DOTALL).matcher(readme);
        if (!block.find()) {
            throw new IllegalStateException("docs/webhooks.md has no java block with 'public final class WebhookVerifier'");
        }
        String source = block.group(1);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createTempDirectory("readme-verifier");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///WebhookVerifier.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        if (!compiler.getTask(null, null, null, List.of("-d", out.toString()), null, List.of(file)).call()) {
            throw new IllegalStateException("The WebhookVerifier of docs/webhooks.md does not compile");
        }
        try (var loader = new URLClassLoader(new URL[] { out.toUri().toURL() }, null)) {
            Class<?> verifier = loader.loadClass("WebhookVerifier");
            verifier.getMethod("verify", String.class, String.class, String.class, long.class);
            return verifier;
        }
    }
}
