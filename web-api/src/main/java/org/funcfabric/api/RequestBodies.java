package org.funcfabric.api;

import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/** Checks shared by every route that takes a JSON body. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, or a 400 when the request had none (JSON-B binds an empty body to null). */
    public static <T> T required(T body) {
        if (body == null) {
            throw new FabricException(ErrorCode.REQUEST_MALFORMED, "A JSON request body is required");
        }
        return body;
    }
}
