package org.funcfabric.protocol;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The per-user credentials of the AMQP result queues, derived from one service secret so that the
 * broker can check them without a user table or a call to the service.
 *
 * <p>For a user id (the token's {@code sub}) the service hands out
 * <ul>
 * <li>user name {@code ffr-<h>}, where {@code h} is the first 16 bytes, in hex, of
 *     HMAC-SHA256(secret, {@code "user\0" + sub}): it names no one, and cannot be guessed without the secret;</li>
 * <li>password base64url(HMAC-SHA256(secret, {@code "password\0" + user name})), unpadded;</li>
 * <li>queue prefix {@code ff.results.<h>.}: the user's queues are {@code ff.results.<h>.<task_group_id>}.</li>
 * </ul>
 * The broker recomputes the password from the offered user name, and allows that user only the queues
 * under its own prefix; the service hands the same values out. Both use this one class.
 */
public final class ResultQueueCredentials {
    public static final String USER_PREFIX = "ffr-";
    public static final String QUEUE_PREFIX = "ff.results.";
    private static final Pattern USER = Pattern.compile("ffr-[0-9a-f]{32}");

    private final HmacKey key;

    public ResultQueueCredentials(String secret) {
        this.key = new HmacKey(secret, "result queue secret");
    }

    /** The broker user name of a service user id. */
    public String userFor(String subject) {
        return USER_PREFIX + HexFormat.of().formatHex(key.sign("user\0" + subject), 0, 16);
    }

    /** The password of a broker user name from {@link #userFor}. */
    public String passwordFor(String user) {
        return key.password("password\0" + user);
    }

    /** The queue prefix of a service user id's result queues, {@code ff.results.<h>.}. */
    public String queuePrefixFor(String subject) {
        return queuePrefixOf(userFor(subject)).orElseThrow();
    }

    /** True when {@code password} is the one derived for {@code user}; constant time in the password. */
    public boolean verify(String user, String password) {
        if (user == null || password == null || !USER.matcher(user).matches()) {
            return false;
        }
        return Secrets.matches(passwordFor(user), password);
    }

    /** The queue prefix a result-queue user may read, e.g. {@code ff.results.<h>.}; empty for other names. */
    public static Optional<String> queuePrefixOf(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            return Optional.empty();
        }
        return Optional.of(QUEUE_PREFIX + user.substring(USER_PREFIX.length()) + ".");
    }

    @Override
    public String toString() {
        return "ResultQueueCredentials[redacted]";
    }
}
