package org.funcfabric.worker.task;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.funcfabric.protocol.ProtocolJson;
import org.funcfabric.protocol.FailureType;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.SerializedBuffers;

/**
 * The positional and keyword arguments of a task, decoded from its payload, for the function kinds that
 * run without Python (shell, Java): their arguments must be JSON, header {@code 11}, or the SDK's
 * combination header {@code 13} when it holds a JSON encoding, read as the Python runner reads them.
 *
 * @param args   the positional arguments, {@code []} when the payload has none
 * @param kwargs the keyword arguments, <code>{}</code> when the payload has none
 */
public record JsonArguments(JsonArray args, JsonObject kwargs) {
    /**
     * @param kind names the function kind in error messages, e.g. {@code "shell functions"}
     * @throws TaskFailure when the payload is malformed or its arguments are not JSON
     */
    public static JsonArguments parse(String payload, String kind) throws TaskFailure {
        List<String> buffers;
        try {
            buffers = payload.isEmpty() ? List.of() : SerializedBuffers.unpack(payload);
        } catch (ProtocolException e) {
            throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": malformed payload: " + e.getMessage());
        }
        if (buffers.size() > 2) {
            throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": expected 2 payload buffers, got "
                    + buffers.size());
        }
        JsonValue args = buffers.isEmpty() ? JsonValue.EMPTY_JSON_ARRAY
                : json(buffers.get(0), "positional arguments", kind);
        JsonValue kwargs = buffers.size() < 2 ? JsonValue.EMPTY_JSON_OBJECT
                : json(buffers.get(1), "keyword arguments", kind);
        if (!(args instanceof JsonArray argList)) {
            throw new TaskFailure("TypeError: the positional arguments must be a JSON array, got " + args.getValueType());
        }
        if (!(kwargs instanceof JsonObject kwargMap)) {
            throw new TaskFailure("TypeError: the keyword arguments must be a JSON object, got " + kwargs.getValueType());
        }
        return new JsonArguments(argList, kwargMap);
    }

    private static JsonValue json(String buffer, String what, String kind) throws TaskFailure {
        String header;
        String body;
        try {
            header = SerializedBuffers.header(buffer);
            body = SerializedBuffers.body(buffer);
        } catch (ProtocolException e) {
            throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": malformed " + what + ": " + e.getMessage());
        }
        if (header.equals("11")) {
            return jsonBody(body, what);
        }
        if (header.equals("13")) {
            // The SDK packs one sub-buffer per encoding that worked; use the JSON one.
            if (SerializedBuffers.isPacked(body)) {
                for (String part : SerializedBuffers.unpack(body)) {
                    if (part.startsWith("11\n")) {
                        return jsonBody(part.substring(3), what);
                    }
                }
                throw new TaskFailure("TypeError: the " + what + " have no JSON encoding; " + hint(kind));
            }
            return jsonBody(body, what);
        }
        throw new TaskFailure("TypeError: the " + what + " are serialized with header '" + header + "'; "
                + hint(kind));
    }

    private static String hint(String kind) {
        return kind + " take JSON arguments (header 11 or 13); submit them with a JSON data serializer"
                + " (globus_compute_sdk.serialize.JSONData)";
    }

    private static JsonValue jsonBody(String body, String what) throws TaskFailure {
        try {
            return read(body);
        } catch (JsonException e) {
            try {
                // Some SDK releases base64-encode the JSON text (base64 never parses as JSON).
                return read(new String(Base64.getMimeDecoder().decode(body.strip()), StandardCharsets.UTF_8));
            } catch (JsonException | IllegalArgumentException ignored) {
                throw new TaskFailure(FailureType.DESERIALIZATION_ERROR + ": the " + what
                        + " are not valid JSON: " + e.getMessage());
            }
        }
    }

    private static JsonValue read(String text) {
        try (var reader = ProtocolJson.jsonP().createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
