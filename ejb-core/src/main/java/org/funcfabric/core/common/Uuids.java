package org.funcfabric.core.common;

import java.util.UUID;

/** Parsing of client-supplied identifiers into canonical UUID text, with the API's 400 on bad input. */
public final class Uuids {
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

    private static FabricException invalid(String text, String what) {
        String shown = text == null ? "null" : Excerpt.of(text, 64);
        return new FabricException(ErrorCode.INVALID_UUID, "Invalid " + what + " UUID: " + shown);
    }
}
