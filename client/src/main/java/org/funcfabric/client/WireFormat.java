package org.funcfabric.client;

import jakarta.json.bind.JsonbException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.funcfabric.protocol.JavaTaskPayload;
import org.funcfabric.protocol.SerializedBuffers;

/**
 * Task payloads and result buffers in the Globus Compute wire format (API.md "Serialized buffers"),
 * with JSON ({@code 11}) for everything Java writes, since workers of every kind read it.
 */
public final class WireFormat {
    /** The header of JSON data buffers. */
    public static final String JSON = "11";

    private WireFormat() {
    }

    /** The payload of a call with positional {@code args} and keyword {@code kwargs}. */
    public static String payload(List<?> args, Map<String, ?> kwargs) {
        return SerializedBuffers.pack(JSON + "\n" + Json.DATA.toJson(args), JSON + "\n" + Json.DATA.toJson(kwargs));
    }

    /** The payload of one call of a Java function with {@code input}. */
    public static String javaCall(Object input) {
        return JavaTaskPayload.single(Json.DATA.toJson(input));
    }

    /** The payload of a Java function mapped over {@code inputs} in one task. */
    public static String javaMap(List<?> inputs) {
        return JavaTaskPayload.map(Json.DATA.toJson(inputs));
    }

    /**
     * A result buffer as {@code type}: JSON buffers through JSON-B; any other buffer (dill) only as
     * itself, when {@code type} is {@code String} or {@code Object}.
     *
     * @throws UndecodableResultException when that is not possible
     */
    @SuppressWarnings("unchecked")
    public static <T> T decode(String buffer, Type type) {
        if (buffer == null) {
            return null;
        }
        String header;
        try {
            header = SerializedBuffers.header(buffer);
        } catch (RuntimeException e) {
            throw new UndecodableResultException("not a result buffer: " + abbreviate(buffer), e);
        }
        if (JSON.equals(header)) {
            try {
                return Json.DATA.fromJson(SerializedBuffers.body(buffer), type);
            } catch (JsonbException e) {
                throw new UndecodableResultException("the result " + abbreviate(buffer) + " is not a "
                        + type.getTypeName() + ": " + e.getMessage(), e);
            }
        }
        if (type == String.class || type == Object.class) {
            return (T) buffer;
        }
        throw new UndecodableResultException("a result with header " + header + " cannot be read in Java as "
                + type.getTypeName() + "; submit with JSON results or ask for String to get the buffer", null);
    }

    /** The type {@code List<element>}, for decoding map results. */
    public static Type listOf(Type element) {
        return new ListType(element);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private record ListType(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    }
}
