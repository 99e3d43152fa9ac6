package org.funcfabric.core.function;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.funcfabric.protocol.ProtocolException;
import org.funcfabric.protocol.SerializedBuffers;

/**
 * A function's code as the service stores it: exactly one buffer with a known code header, kept in
 * the packed form ({@code "<len>\n<hdr>\n<body>"}) that the worker concatenates with a task's payload.
 * Clients may send it packed, as the Globus Compute SDK does, or bare, as is easier with curl.
 *
 * @param header the two-character header naming the function kind
 * @param packed the normalized packed form
 */
public record FunctionCode(String header, String packed) {
    /** Headers of code buffers: Globus Compute's Python kinds and FuncFabric's shell kind. */
    public static final Set<String> CODE_HEADERS = Set.of("01", "02", "03", "04", "10", "12", "st", "sd", "sh");

    /**
     * @throws FabricException REQUEST_KEY_ERROR when empty, FUNCTION_TOO_LARGE over the limit,
     *                         SEMANTICALLY_INVALID for more than one buffer or an unknown header
     */
    public static FunctionCode normalize(String text, long maxBytes) {
        if (text == null || text.isBlank()) {
            throw new FabricException(ErrorCode.REQUEST_KEY_ERROR, "function_code is required");
        }
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new FabricException(ErrorCode.FUNCTION_TOO_LARGE,
                    "function_code of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
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
        return new FunctionCode(header, SerializedBuffers.pack(buffer));
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
