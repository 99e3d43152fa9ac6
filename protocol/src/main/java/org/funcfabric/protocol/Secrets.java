package org.funcfabric.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** How every process compares a presented secret (password, token) with the expected one. */
public final class Secrets {
    private Secrets() {
    }

    /**
     * Whether {@code offered} equals {@code expected}, in time that does not depend on where they
     * differ, so response times do not reveal how much of a guess was right. False when either is null.
     */
    public static boolean matches(String expected, String offered) {
        return expected != null && offered != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), offered.getBytes(StandardCharsets.UTF_8));
    }
}
