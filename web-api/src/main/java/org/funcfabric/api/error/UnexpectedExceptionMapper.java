package org.funcfabric.api.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;

/**
 * Anything else. A coded exception wrapped by the container is answered with its own code, a
 * unique-constraint violation as 409 RESOURCE_CONFLICT, a failed commit as 503 SERVICE_UNAVAILABLE; a real bug is logged with an incident id that
 * the client also sees, and nothing of its trace is sent.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FabricException fe) {
                return ErrorEnvelope.response(fe.code(), fe.getMessage());
            }
            if (t instanceof RollbackException || t instanceof XAException) {
                // The commit itself failed (a resource, most often the broker, refused to prepare): the
                // transaction rolled back, so nothing of the request was accepted and it may be repeated.
                LOG.log(Level.WARNING, "commit failed, answered as " + ErrorCode.SERVICE_UNAVAILABLE, e);
                return ErrorEnvelope.response(ErrorCode.SERVICE_UNAVAILABLE,
                        "The request could not be committed (the message broker or the database refused it);"
                                + " nothing was accepted. Try again shortly.");
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                // A unique index refused the commit (two requests raced for one name, or a check the core
                // lacks): the request conflicts with what is stored, which is the client's 409, not a 500.
                LOG.log(Level.WARNING, "unique constraint violation answered as " + ErrorCode.RESOURCE_CONFLICT, e);
                return ErrorEnvelope.response(ErrorCode.RESOURCE_CONFLICT,
                        "The request conflicts with stored data (a name or id that is already taken)");
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, ErrorCode.INTERNAL_ERROR + " incident " + incident, e);
        return ErrorEnvelope.response(ErrorCode.INTERNAL_ERROR, "Internal error; incident " + incident);
    }
}
