package org.funcfabric.core.common;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/** New identifiers, and client-supplied ones parsed into canonical UUID text with the API's 400 on bad input. */
public final class Uuids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    /**
     * @throws FabricException {@link ErrorCode#INVALID_UUID} when {@code text} is not a UUID
     */
    public static String canonical(String text, String what) {
        if (text == null || text.length() != 36) {
            throw invalid(text, what);
        }
        try {
            return UUID.fromString(text).toString();
        } catch (IllegalArgumentException e) {
            throw invalid(text, what);
        }
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /**
     * A version 7 UUID (RFC 9562): the current Unix time in milliseconds, then 74 random bits. Rows
     * keyed by such ids are inserted next to each other in every B-tree index instead of at random
     * pages, so a commit of a thousand tasks, or of their results, rewrites a few index pages rather
     * than hundreds (docs/performance.md, "Fourth round").
     */
    public static String timeOrdered() {
        return timeOrdered(System.currentTimeMillis(), RANDOM).toString();
    }

    static UUID timeOrdered(long unixMillis, SecureRandom random) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        ByteBuffer.wrap(bits).putShort(0, (short) (unixMillis >>> 32)).putInt(2, (int) unixMillis);
        bits[6] = (byte) (0x70 | (bits[6] & 0x0f));
        bits[8] = (byte) (0x80 | (bits[8] & 0x3f));
        ByteBuffer b = ByteBuffer.wrap(bits);
        return new UUID(b.getLong(), b.getLong());
    }

    private static FabricException invalid(String text, String what) {
        String shown = text == null ? "null" : Excerpt.of(text, 64);
        return new FabricException(ErrorCode.INVALID_UUID, "Invalid " + what + " UUID: " + shown);
    }
}
