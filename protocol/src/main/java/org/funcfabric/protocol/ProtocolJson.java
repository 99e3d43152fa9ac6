package org.funcfabric.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;

/** JSON (JSON-B) encoding of the protocol records; one shared, thread-safe {@link Jsonb}. */
public final class ProtocolJson {
    private static final Jsonb JSONB = JsonbBuilder.create();
    /**
     * Looked up once: {@code Json.createReader} and the other {@code Json} factories look the provider
     * up through a class-path scan ({@code ServiceLoader}) at every call.
     */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private ProtocolJson() {
    }

    /** The JSON-P provider, for code that reads or builds JSON objects itself. */
    public static JsonProvider jsonP() {
        return JSON_P;
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
