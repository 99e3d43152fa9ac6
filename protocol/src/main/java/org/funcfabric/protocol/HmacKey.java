package org.funcfabric.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An HMAC-SHA256 key from a configured secret: the root of every derived broker credential. */
final class HmacKey {
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException naming {@code what} when the secret is blank */
    HmacKey(String secret, String what) {
        Objects.requireNonNull(secret, what);
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
        }
    }

    /** The signature of {@code message} as unpadded base64url: a password. */
    String password(String message) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sign(message));
    }
}
