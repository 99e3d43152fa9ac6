package org.funcfabric.worker.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.funcfabric.protocol.SerializedBuffers;

/** Builds Globus Compute buffers the way the SDK does, for test tasks. */
public final class Buffers {
    private Buffers() {
    }

    /** A {@code st} function buffer: base64 of {@code "<name>:<source>"} in 76-character lines. */
    public static String pureSource(String name, String source) {
        return "st\n" + base64Lines((name + ":" + source).getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code sh} function buffer. */
    public static String shell(String functionJson) {
        return "sh\n" + functionJson;
    }

    /** A {@code 11} JSON data buffer. */
    public static String json(String json) {
        return "11\n" + json;
    }

    /** A task payload: packed positional and keyword argument buffers. */
    public static String payload(String argsBuffer, String kwargsBuffer) {
        return SerializedBuffers.pack(argsBuffer, kwargsBuffer);
    }

    /** A payload of JSON arguments. */
    public static String jsonPayload(String argsJson, String kwargsJson) {
        return payload(json(argsJson), json(kwargsJson));
    }

    /** Python's {@code codecs.encode(data, "base64")}: 76-character lines, each ending in a newline. */
    public static String base64Lines(byte[] data) {
        String encoded = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return encoded.isEmpty() ? "" : encoded + "\n";
    }
}
