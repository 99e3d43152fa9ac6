package org.funcfabric.api.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.funcfabric.api.json.JsonbResolver;
import org.funcfabric.core.common.ErrorCode;

/**
 * The error page (web.xml) for errors the container raises before JAX-RS runs — above all a
 * rejected bearer token (bad signature, expired, revoked, wrong issuer), which MP-JWT answers with a bare 401.
 */
@WebServlet("/error-envelope")
public class ErrorPageServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object attribute = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer i ? i : 404;
        ErrorCode code = switch (status) {
            case 401 -> req.getHeader("Authorization") == null ? ErrorCode.USER_UNAUTHENTICATED : ErrorCode.INVALID_AUTH_TOKEN;
            case 403 -> ErrorCode.INSUFFICIENT_AUTH_SCOPE;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.BATCH_RUN_TOO_LARGE;
            case 400 -> ErrorCode.REQUEST_MALFORMED;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        String reason = switch (code) {
            case USER_UNAUTHENTICATED -> "A valid bearer token is required (Authorization: Bearer <JWT>)";
            case INVALID_AUTH_TOKEN -> "The bearer token was rejected: bad signature, expired, revoked, or wrong issuer or audience";
            case INSUFFICIENT_AUTH_SCOPE -> "The token lacks the role this route needs";
            case ROUTE_NOT_FOUND -> "No such route";
            case METHOD_NOT_ALLOWED -> "Method not allowed on this route";
            case NOT_ACCEPTABLE -> "This route cannot answer in the media type the Accept header asks for";
            case BATCH_RUN_TOO_LARGE -> "The request body is too large";
            case REQUEST_MALFORMED -> "The request is malformed";
            default -> "Internal error";
        };
        write(resp, code, reason);
    }

    /** Answers with the envelope of {@code code}, outside JAX-RS. */
    static void write(HttpServletResponse resp, ErrorCode code, String reason) throws IOException {
        resp.resetBuffer();
        resp.setStatus(code.httpStatus());
        resp.setContentType("application/json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (code.httpStatus() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer");
        }
        resp.getWriter().write(JsonbResolver.JSONB.toJson(ErrorEnvelope.of(code, reason)));
    }
}
