package org.funcfabric.api.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.funcfabric.core.common.ErrorCode;

/**
 * The body of every 4xx/5xx (the Globus Compute shape): {@code reason} and {@code message} carry the
 * same text, because SDK versions read one or the other.
 */
public record ErrorEnvelope(String status, String code, String reason, String message, int httpStatusCode,
                            List<Object> errorArgs) {

    public static ErrorEnvelope of(ErrorCode code, String reason) {
        return new ErrorEnvelope("Failed", code.name(), reason, reason, code.httpStatus(), List.of());
    }

    public static Response response(ErrorCode code, String reason) {
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(of(code, reason)).build();
    }
}
