package io.gcgateway.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Webhook secrets at rest. With {@code webhooks.secret-key} (32 random bytes, base64) each secret is stored in Redis
 * AES-256-GCM encrypted, bound to its webhook id, so a Redis dump or replica does not hand out the signing keys.
 * Without a key secrets are stored as given (a warning says so once). Stored values of either kind stay readable.
 * Rotation: the new key becomes {@code secret-key} and the old one goes to {@code previous-secret-keys}; secrets
 * sealed with it still open, and every secret stored from then on is sealed with the new key.
 */
@ApplicationScoped
class WebhookSecrets {
    private static final String SEALED = "aesgcm:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final SecretKeySpec key;
    /** The current key first, then the previous ones: the keys a stored secret may be sealed with. */
    private final List<SecretKeySpec> openingKeys;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean warned;

    WebhookSecrets(WebhooksConfig config) {
        this.key = config.secretKey().map(base64 -> key("webhooks.secret-key", base64)).orElse(null);
        List<SecretKeySpec> keys = new ArrayList<>();
        if (key != null) {
            keys.add(key);
        }
        config.previousSecretKeys().orElse(List.of()).forEach(base64 -> keys.add(key("webhooks.previous-secret-keys", base64)));
        this.openingKeys = List.copyOf(keys);
    }

    private static SecretKeySpec key(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64 (e.g. openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (base64 of 32 random bytes), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** The form to store for {@code secret} of webhook {@code webhookId}. */
    String seal(String webhookId, String secret) {
        if (key == null) {
            if (!warned) {
                warned = true;
                LOG.warn("Webhook secrets are stored unencrypted in Redis; set webhooks.secret-key to encrypt them");
            }
            return secret;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a webhook secret", e);
        }
    }

    /**
     * The secret of a stored value; fails when it is sealed and neither the configured key nor a previous one opens
     * it. GCM authenticates, so a wrong key is a failure, never a wrong secret.
     */
    String open(String webhookId, String stored) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored;
        }
        if (openingKeys.isEmpty()) {
            throw new IllegalStateException("A webhook secret is encrypted but webhooks.secret-key is not set");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(SEALED.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("A stored webhook secret is damaged");
        }
        for (SecretKeySpec candidate : openingKeys) {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, candidate, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
                cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
                return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // Not this key; try the next.
            }
        }
        throw new IllegalStateException("A webhook secret cannot be decrypted with webhooks.secret-key or "
                + "webhooks.previous-secret-keys (was the key changed without keeping the old one?)");
    }
}
