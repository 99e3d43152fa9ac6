package org.funcfabric.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Compact JWTs built by hand (java.security and Base64 only), for tokens the launcher would never mint:
 * expired, from another issuer, signed by another key, {@code alg=none}, HMAC-signed with the public
 * key. The stack's real signing key is the launcher's {@code keys/jwt-private.pem} (PKCS#8 PEM) in the
 * run directory, as {@code SigningKeys} writes it.
 */
public final class Jwts {
    /** The issuer the service trusts ({@code DevTokens.ISSUER}). */
    public static final String ISSUER = "funcfabric-dev";
    /** The audience the launcher's tokens carry and its service requires. */
    public static final String AUDIENCE = "funcfabric";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey realKey;
    private final PrivateKey otherKey;
    private final byte[] publicPem;

    private Jwts(PrivateKey realKey, PrivateKey otherKey, byte[] publicPem) {
        this.realKey = realKey;
        this.otherKey = otherKey;
        this.publicPem = publicPem;
    }

    /** Loads the stack's key pair from its run directory and makes a second, unrelated one. */
    public static Jwts forStack(Path home) {
        try {
            String pem = Files.readString(home.resolve("keys").resolve("jwt-private.pem"), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "").strip());
            PrivateKey real = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey other = generator.generateKeyPair().getPrivate();
            byte[] publicPem = Files.readAllBytes(home.resolve("keys").resolve("jwt-public.pem"));
            return new Jwts(real, other, publicPem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims as the launcher writes them, valid for an hour from {@code nowSeconds}. */
    public static JsonObjectBuilder claims(String subject, List<String> groups, long nowSeconds, String jti) {
        return Json.createObjectBuilder()
                .add("iss", ISSUER)
                .add("aud", AUDIENCE)
                .add("sub", subject)
                .add("upn", subject)
                .add("groups", Json.createArrayBuilder(groups))
                .add("iat", nowSeconds)
                .add("exp", nowSeconds + 3600)
                .add("jti", jti);
    }

    public static JsonObject header(String alg) {
        return Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").build();
    }

    /** RS256 with the stack's own key: what the service accepts when the claims are right. */
    public String signedByStack(JsonObject claims) {
        return rs256(header("RS256"), claims, realKey);
    }

    /** RS256 with a key the service has never seen. */
    public String signedByOtherKey(JsonObject claims) {
        return rs256(header("RS256"), claims, otherKey);
    }

    /** RS256 with a key the service has never seen, under the given header. */
    public String signedByOtherKey(JsonObject header, JsonObject claims) {
        return rs256(header, claims, otherKey);
    }

    /** {@code alg: none} with an empty signature. */
    public static String unsigned(JsonObject claims) {
        return part(Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build()) + "." + part(claims) + ".";
    }

    /** HS256 keyed with the service's public key PEM: the classic algorithm-confusion attack. */
    public String hmacWithPublicKey(JsonObject claims) {
        return hs256(header("HS256"), claims, publicPem);
    }

    public static String hs256(JsonObject header, JsonObject claims, byte[] secret) {
        try {
            String input = part(header) + "." + part(claims);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String rs256WithHeader(JsonObject header, JsonObject claims) {
        return rs256(header, claims, realKey);
    }

    private static String rs256(JsonObject header, JsonObject claims, PrivateKey key) {
        try {
            String input = part(header) + "." + part(claims);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code token} with its payload replaced by {@code claims} and its signature kept. */
    public static String withPayload(String token, JsonObject claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    public static String part(JsonObject json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
