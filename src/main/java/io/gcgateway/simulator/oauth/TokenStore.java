package io.gcgateway.simulator.oauth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

/** Access tokens the simulator issued, with their expiry (epoch millis). */
@Singleton
public class TokenStore {

    /** Outcome of checking a bearer token. */
    public enum Validity {
        VALID, EXPIRED, UNKNOWN
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();

    public String issue(long lifetimeMillis) {
        long now = System.currentTimeMillis();
        // Forget long-expired tokens so a long dev session does not grow the map without bound.
        expiries.values().removeIf(expiry -> expiry < now - 3_600_000);
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, now + lifetimeMillis);
        return token;
    }

    public Validity check(String token) {
        Long expiry = expiries.get(token);
        if (expiry == null) {
            return Validity.UNKNOWN;
        }
        return expiry > System.currentTimeMillis() ? Validity.VALID : Validity.EXPIRED;
    }

    /** Every token issued and not yet forgotten (lets tests check that none of them leaks). */
    public Set<String> issued() {
        return Set.copyOf(expiries.keySet());
    }

    /** Expires every issued token now, as if their lifetime had run out. */
    public void expireAll() {
        long past = System.currentTimeMillis() - 1;
        expiries.replaceAll((token, expiry) -> past);
    }
}
