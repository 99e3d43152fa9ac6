package org.funcfabric.core.common;

import jakarta.ejb.ApplicationException;

/**
 * A request the service refuses, with the code and the reason the client sees. Rolls back the
 * transaction it is thrown in, and reaches the client unwrapped (not as an {@code EJBException}).
 */
@ApplicationException(rollback = true)
public class FabricException extends RuntimeException {
    private final ErrorCode code;

    public FabricException(ErrorCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static FabricException notFound(ErrorCode code, String what, Object id) {
        return new FabricException(code, what + " " + id + " not found");
    }
}
