package io.gcgateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Webhook secrets at rest, and rotating the key that seals them. */
class WebhookSecretsTest {
    private static final String OLD = newKey();
    private static final String NEW = newKey();

    @Test
    void aRotatedKeyStillOpensSecretsSealedWithThePreviousOne() {
        String sealed = secrets(OLD).seal("wh-1", "s3cret");
        assertThat(sealed).startsWith("aesgcm:v1:").doesNotContain("s3cret");

        WebhookSecrets rotated = secrets(NEW, OLD);
        assertThat(rotated.open("wh-1", sealed)).isEqualTo("s3cret");
        // New secrets are sealed with the new key only.
        String resealed = rotated.seal("wh-1", "s3cret");
        assertThat(secrets(NEW).open("wh-1", resealed)).isEqualTo("s3cret");
        assertThatThrownBy(() -> secrets(OLD).open("wh-1", resealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutTheOldKeyOrForAnotherWebhookASealedSecretDoesNotOpen() {
        String sealed = secrets(OLD).seal("wh-1", "s3cret");
        assertThatThrownBy(() -> secrets(NEW).open("wh-1", sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("previous-secret-keys");
        // Bound to its webhook id: it cannot be moved to another webhook.
        assertThatThrownBy(() -> secrets(NEW, OLD).open("wh-2", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets(null).open("wh-1", sealed)).isInstanceOf(IllegalStateException.class);
        // Values stored before encryption was configured stay readable.
        assertThat(secrets(NEW).open("wh-1", "plain")).isEqualTo("plain");
    }

    @Test
    void aPreviousKeyThatIsNotAnAesKeyStopsTheStart() {
        assertThatThrownBy(() -> secrets(NEW, "c2hvcnQ="))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("webhooks.previous-secret-keys");
    }

    private static WebhookSecrets secrets(String key, String... previous) {
        WebhooksConfig config = (WebhooksConfig) Proxy.newProxyInstance(WebhooksConfig.class.getClassLoader(),
                new Class<?>[] { WebhooksConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "secretKey" -> Optional.ofNullable(key);
                    case "previousSecretKeys" -> previous.length == 0 ? Optional.empty() : Optional.of(List.of(previous));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new WebhookSecrets(config);
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
