package org.funcfabric.bridge.amqp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's side of the derived result-queue credentials; the broker process checks them with
 * {@code org.funcfabric.broker.amqp.ResultQueueCredentials}, which defines the scheme (the two must
 * derive the same values, and the system test {@code AmqpResultQueueIT} connects with them):
 * user {@code ffr-<h>} with {@code h} = hex of the first 16 bytes of HMAC-SHA256(secret, "user\0" + sub),
 * password base64url(HMAC-SHA256(secret, "password\0" + user)), queues {@code ff.results.<h>.<task_group_id>}.
 */
final class ResultQueueCredentials {
    static final String USER_PREFIX = "ffr-";
    static final String QUEUE_PREFIX = "ff.results.";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    ResultQueueCredentials(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the result queue secret is blank");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    String userFor(String subject) {
        return USER_PREFIX + HexFormat.of().formatHex(hmac("user\0" + subject), 0, 16);
    }

    String passwordFor(String user) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac("password\0" + user));
    }

    String queuePrefixFor(String subject) {
        return QUEUE_PREFIX + userFor(subject).substring(USER_PREFIX.length()) + ".";
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "ResultQueueCredentials[redacted]";
    }
}
