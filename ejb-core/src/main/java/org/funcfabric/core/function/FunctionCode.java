package org.funcfabric.core.function;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.core.common.Limits.CodeSize;
import org.funcfabric.protocol.JavaFunctionCode;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.SerializedBuffers;
import org.funcfabric.protocol.ShellTemplate;

/**
 * A function's code as the service stores it: exactly one buffer with a known code header, kept in
 * the packed form ({@code "<len>\n<hdr>\n<body>"}) that the worker concatenates with a task's payload.
 * Clients may send it packed, as the Globus Compute SDK does, or bare, as is easier with curl. Java
 * functions are checked here, not first on a worker: their body must name a class and carry a jar, and
 * is stored with the jar's SHA-256, by which workers cache the jar. Shell functions are checked for
 * where their placeholders stand ({@link ShellTemplate}).
 *
 * @param header the two-character header naming the function kind
 * @param packed the normalized packed form
 */
public record FunctionCode(String header, String packed) {
    /** Headers of code buffers: Globus Compute's Python kinds and FuncFabric's shell and Java kinds. */
    public static final Set<String> CODE_HEADERS = Set.of("01", "02", "03", "04", "10", "12", "st", "sd",
            ShellTemplate.HEADER, JavaFunctionCode.HEADER);

    /**
     * The size of a jar is judged here rather than by {@link JavaFunctionCode#parse}, so that a jar over
     * the limit is FUNCTION_TOO_LARGE like any other oversized code, not SEMANTICALLY_INVALID. The body
     * is already bounded by {@link CodeSize#maxCodeBytes(String)}.
     */
    private static final long ANY_JAR_SIZE = Integer.MAX_VALUE;

    /**
     * @throws FabricException REQUEST_KEY_ERROR when empty, FUNCTION_TOO_LARGE over the limits,
     *                         SEMANTICALLY_INVALID for more than one buffer, an unknown header, a
     *                         Java function that is not a class name and a jar, or a shell template
     *                         with a placeholder where it cannot be quoted
     */
    public static FunctionCode normalize(String text, CodeSize limits) {
        if (text == null || text.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "function_code is required");
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        // Checked before unpacking too, so an oversized text is refused before any work is done on it.
        checkSize(size, limits.maxCodeBytes());
        String buffer = single(text);
        String header;
        try {
            header = SerializedBuffers.header(buffer);
        } catch (ProtocolException e) {
            throw new FabricException(ErrorCode.SEMANTICALLY_INVALID,
                    "function_code must start with a two-character serializer header and a newline, e.g. \"sh\\n{...}\"");
        }
        if (!CODE_HEADERS.contains(header)) {
            throw new FabricException(ErrorCode.SEMANTICALLY_INVALID,
                    "function_code has unknown serializer header '" + header + "'; known: " + CODE_HEADERS);
        }
        checkSize(size, limits.maxCodeBytes(header));
        if (JavaFunctionCode.HEADER.equals(header)) {
            buffer = java(SerializedBuffers.body(buffer), limits.maxJarBytes()).buffer();
        } else if (ShellTemplate.HEADER.equals(header)) {
            checkShellTemplate(SerializedBuffers.body(buffer));
        }
        return new FunctionCode(header, SerializedBuffers.pack(buffer));
    }

    /**
     * A template whose placeholders stand where no quoting keeps a value literal would let arguments run
     * commands, even on an endpoint whose {@code allowed_functions} names only this function. A body that
     * is not {@code {"cmd": "…"}} at all is left to the worker, which fails such a task with a ValueError.
     */
    private static void checkShellTemplate(String body) {
        JsonValue function;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            function = reader.readValue();
        } catch (JsonException e) {
            return;
        }
        if (function instanceof JsonObject object && object.get("cmd") instanceof JsonString cmd) {
            try {
                ShellTemplate.parse(cmd.getString());
            } catch (ProtocolException e) {
                throw new FabricException(ErrorCode.SEMANTICALLY_INVALID, "invalid shell function: " + e.getMessage());
            }
        }
    }

    private static void checkSize(long size, long maxBytes) {
        if (size > maxBytes) {
            throw new FabricException(ErrorCode.FUNCTION_TOO_LARGE,
                    "function_code of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }

    private static JavaFunctionCode java(String body, long maxJarBytes) {
        JavaFunctionCode code;
        try {
            code = JavaFunctionCode.parse(body, ANY_JAR_SIZE);
        } catch (ProtocolException e) {
            throw new FabricException(ErrorCode.SEMANTICALLY_INVALID, "invalid Java function: " + e.getMessage());
        }
        int jarBytes = code.jarBytes().length;
        if (jarBytes > maxJarBytes) {
            throw new FabricException(ErrorCode.FUNCTION_TOO_LARGE,
                    "the jar of " + jarBytes + " bytes exceeds the limit of " + maxJarBytes + " bytes");
        }
        return code;
    }

    private static String single(String text) {
        if (!SerializedBuffers.isPacked(text)) {
            return text;
        }
        List<String> buffers = SerializedBuffers.unpack(text);
        if (buffers.size() != 1) {
            throw new FabricException(ErrorCode.SEMANTICALLY_INVALID,
                    "function_code must hold one buffer, found " + buffers.size());
        }
        return buffers.get(0);
    }
}
