package io.gcgateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway's callers in tests: one API key per role (their salted hashes are in the test profile of
 * {@code application.properties}) and JWTs signed by a key pair made for this test run, whose public key this
 * resource hands to SmallRye JWT.
 */
public class TestClients implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String READER = "reader-key-0123456789abcdef0123456789abcdef";
    public static final String OPERATOR = "operator-key-0123456789abcdef0123456789abcdef";
    public static final String ADMIN = "admin-key-0123456789abcdef0123456789abcdef";
    public static final String ISSUER = "https://issuer.gateway.test";
    /** Test resources and tests may see different copies of this class (class loaders); the key travels in a property. */
    private static final String PRIVATE_KEY_PROPERTY = "gcgateway-tests.jwt-private-key";

    @Override
    public Map<String, String> start() {
        KeyPair KEYS = rsa();
        System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded()));
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return Map.of("mp.jwt.verify.publickey", pem, "mp.jwt.verify.issuer", ISSUER);
    }

    @Override
    public void stop() {
    }

    /** A bearer JWT (RS256) from the test issuer for {@code subject} with {@code groups}, valid for five minutes. */
    public static String jwt(String subject, List<String> groups) {
        return jwt(subject, groups, ISSUER, trustedKey(), Instant.now().plusSeconds(300));
    }

    /** A JWT signed by a key the gateway does not trust. */
    public static String forgedJwt(String subject, List<String> groups) {
        return jwt(subject, groups, ISSUER, rsa().getPrivate(), Instant.now().plusSeconds(300));
    }

    public static String expiredJwt(String subject, List<String> groups) {
        return jwt(subject, groups, ISSUER, trustedKey(), Instant.now().minusSeconds(600));
    }

    private static PrivateKey trustedKey() {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(System.getProperty(PRIVATE_KEY_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwt(String subject, List<String> groups, String issuer, PrivateKey key, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String groupsJson = String.join(",", groups.stream().map(g -> "\"" + g + "\"").toList());
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":["
                + groupsJson + "],\"iat\":" + (now - 60) + ",\"exp\":" + expires.getEpochSecond() + "}";
        String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
