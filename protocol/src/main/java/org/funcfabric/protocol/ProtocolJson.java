package org.funcfabric.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/** JSON (JSON-B) encoding of the protocol records; one shared, thread-safe {@link Jsonb}. */
public final class ProtocolJson {
    private static final Jsonb JSONB = JsonbBuilder.create();

    private ProtocolJson() {
    }

    public static String toJson(Object message) {
        return JSONB.toJson(message);
    }

    /**
     * Parses a message body.
     *
     * @throws ProtocolException when the text is not a valid message of that type
     */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            T value = JSONB.fromJson(json, type);
            if (value == null) {
                throw new ProtocolException("empty " + type.getSimpleName());
            }
            return value;
        } catch (JsonbException e) {
            throw new ProtocolException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
