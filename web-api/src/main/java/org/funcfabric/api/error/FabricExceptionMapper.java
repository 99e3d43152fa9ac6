package org.funcfabric.api.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.funcfabric.core.common.FabricException;

/** A refusal from the core, with its own code and reason. */
@Provider
public class FabricExceptionMapper implements ExceptionMapper<FabricException> {
    @Override
    public Response toResponse(FabricException e) {
        return ErrorEnvelope.response(e.code(), e.getMessage());
    }
}
