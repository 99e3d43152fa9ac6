package org.funcfabric.client.model;

import jakarta.json.bind.annotation.JsonbTransient;
import java.util.Map;
import org.funcfabric.protocol.SerializedBuffers;

/** A function as {@code GET /v2/functions/{id}} shows it; the code is the stored, packed form. */
public record FunctionDocument(String functionUuid, String functionName, String functionCode, String description,
                               Map<String, Object> metadata) {

    /**
     * The header of the (first) code buffer: {@code sh}, {@code jv}, {@code st}, {@code 01}, {@code 12}…
     * Null when the code is not in the buffer format.
     */
    @JsonbTransient
    public String header() {
        try {
            String code = SerializedBuffers.isPacked(functionCode)
                    ? SerializedBuffers.unpack(functionCode).get(0) : functionCode;
            return SerializedBuffers.header(code);
        } catch (RuntimeException notABuffer) {
            return null;
        }
    }
}
