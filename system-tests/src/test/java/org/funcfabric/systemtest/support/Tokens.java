package org.funcfabric.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * JWTs that the launcher's {@code token} command will not make, signed with a stack's own key: expired
 * ones, ones for another audience or issuer, and so on, to prove the service refuses them for their
 * claims and not merely for a bad signature.
 */
public final class Tokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /**
     * The claims of a token the stack would accept for {@code subject}, as the launcher mints them;
     * change what the test is about before {@link #sign}.
     */
    public static JsonObjectBuilder validClaims(String subject, List<String> groups) {
        long now = Instant.now().getEpochSecond();
        return Json.createObjectBuilder()
                .add("iss", "funcfabric-dev").add("aud", "funcfabric")
                .add("sub", subject).add("upn", subject)
                .add("groups", Json.createArrayBuilder(groups))
                .add("iat", now).add("exp", now + 3600)
                .add("jti", UUID.randomUUID().toString());
    }

    /** An RS256 token of {@code claims} signed with the stack's development key. */
    public static String sign(FabricStack stack, JsonObject claims) {
        return sign(privateKey(stack.home().resolve("keys").resolve("jwt-private.pem")), claims);
    }

    /** An RS256 token of {@code claims} signed with {@code key}. */
    public static String sign(PrivateKey key, JsonObject claims) {
        String signingInput = encode(Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build())
                + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** An unsigned token ({@code alg: none}) of {@code claims}, which no service may accept. */
    public static String unsigned(JsonObject claims) {
        return encode(Json.createObjectBuilder().add("alg", "none").add("typ", "JWT").build()) + "." + encode(claims) + ".";
    }

    private static String encode(JsonObject json) {
        return URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            String body = Files.readString(pem, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA PKCS#8 key: " + pem, e);
        }
    }
}
