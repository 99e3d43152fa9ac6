package org.funcfabric.api.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/**
 * Anything else. A coded exception wrapped by the container is answered with its own code; a real
 * bug is logged with an incident id that the client also sees, and nothing of its trace is sent.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FabricException fe) {
                return ErrorEnvelope.response(fe.code(), fe.getMessage());
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, ErrorCode.INTERNAL_ERROR + " incident " + incident, e);
        return ErrorEnvelope.response(ErrorCode.INTERNAL_ERROR, "Internal error; incident " + incident);
    }
}
