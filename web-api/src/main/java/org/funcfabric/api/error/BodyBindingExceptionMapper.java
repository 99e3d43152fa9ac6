package org.funcfabric.api.error;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body JSON-B could not read (Jersey reports it as a {@link ProcessingException}). */
@Provider
public class BodyBindingExceptionMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return JsonErrors.toResponse(e);
    }
}
