package org.funcfabric.api.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.funcfabric.core.common.ErrorCode;

/**
 * JAX-RS's own errors (unknown route, wrong method or media type, role checks) in the envelope. A
 * role check that fails for lack of any token is a 401, not a 403.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    private SecurityContext security;

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() != null) {
            return JsonErrors.toResponse(e.getCause());
        }
        ErrorCode code = codeFor(status);
        String reason = switch (code) {
            case USER_UNAUTHENTICATED -> "A valid bearer token is required (Authorization: Bearer <JWT>)";
            case INSUFFICIENT_AUTH_SCOPE -> "The token lacks the role this route needs";
            case ROUTE_NOT_FOUND -> "No such route";
            default -> e.getMessage();
        };
        return ErrorEnvelope.response(code, reason);
    }

    private ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.REQUEST_MALFORMED;
            case 401 -> ErrorCode.USER_UNAUTHENTICATED;
            case 403 -> security == null || security.getUserPrincipal() == null
                    ? ErrorCode.USER_UNAUTHENTICATED : ErrorCode.INSUFFICIENT_AUTH_SCOPE;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.BATCH_RUN_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ErrorCode.REQUEST_MALFORMED : ErrorCode.INTERNAL_ERROR;
        };
    }
}
