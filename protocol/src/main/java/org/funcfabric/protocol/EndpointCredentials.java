package org.funcfabric.protocol;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker credential of each endpoint, derived from one key that only the service and the broker
 * hold, so that the broker checks it without a user table and the database holds no secret at all.
 *
 * <p>An endpoint's credential is user name {@code ep.<endpoint id>.<generation>} and password
 * base64url(HMAC-SHA256(key, {@code "endpoint\0" + user name})), unpadded. The generation starts at 1 and
 * grows each time the credential is revoked (the endpoint is locked); the broker refuses every
 * generation below the newest one it was told of ({@link CredentialRevocation}), so a revoked
 * credential stays revoked while the key stays the same.
 *
 * <p>The broker binds the user name to the endpoint's own task queue and command address, and stamps
 * it on every message the endpoint sends, where the service reads it back with {@link #endpointOf}: a
 * result or heartbeat counts only for the endpoint that sent it.
 */
public final class EndpointCredentials {
    public static final String USER_PREFIX = "ep.";
    private static final Pattern USER = Pattern.compile(
            "ep\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([1-9][0-9]{0,8})");

    private final HmacKey key;

    /**
     * @param secret the endpoint credential key shared by the service and the broker
     * @throws IllegalArgumentException when it is blank
     */
    public EndpointCredentials(String secret) {
        this.key = new HmacKey(secret, "endpoint credential key");
    }

    /** The broker user name of an endpoint's credential of {@code generation}. */
    public static String userFor(String endpointId, int generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("credential generations start at 1: " + generation);
        }
        return USER_PREFIX + endpointId + "." + generation;
    }

    /** The password of a broker user name from {@link #userFor}. */
    public String passwordFor(String user) {
        return key.password("endpoint\0" + user);
    }

    /** True when {@code password} is the one derived for {@code user}; constant time in the password. */
    public boolean verify(String user, String password) {
        if (user == null || password == null || !USER.matcher(user).matches()) {
            return false;
        }
        return Secrets.matches(passwordFor(user), password);
    }

    /** The endpoint id an endpoint user name stands for; empty for any other name (the service's, say). */
    public static Optional<String> endpointOf(String user) {
        return parse(user).map(m -> m.group(1));
    }

    /** The generation of an endpoint user name; empty for any other name. */
    public static Optional<Integer> generationOf(String user) {
        return parse(user).map(m -> Integer.parseInt(m.group(2)));
    }

    private static Optional<Matcher> parse(String user) {
        if (user == null) {
            return Optional.empty();
        }
        Matcher m = USER.matcher(user);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    @Override
    public String toString() {
        return "EndpointCredentials[redacted]";
    }
}
