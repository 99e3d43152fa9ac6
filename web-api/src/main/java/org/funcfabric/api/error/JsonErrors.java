package org.funcfabric.api.error;

import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.Excerpt;

/**
 * Classifies a request body that JSON-B could not bind: text that is not JSON at all is
 * REQUEST_MALFORMED; JSON of the wrong shape (a wrong-typed field) is REQUEST_KEY_ERROR.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static Response toResponse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException) {
                return ErrorEnvelope.response(ErrorCode.REQUEST_MALFORMED, "The request body is not valid JSON");
            }
        }
        return ErrorEnvelope.response(ErrorCode.REQUEST_KEY_ERROR,
                "The request body has a field of the wrong type: " + innermostMessage(failure));
    }

    private static String innermostMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? "unreadable body" : Excerpt.of(message, 300);
    }
}
