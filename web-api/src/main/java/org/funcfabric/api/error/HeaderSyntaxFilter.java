package org.funcfabric.api.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.Excerpt;

/**
 * Refuses a Content-Type that is not a media type (such as {@code application}) with the error
 * envelope, before Jersey reads it. Jersey answers such a header with a bare 400 through the
 * container's error page, which the abuse suite caught once in thousands of concurrent requests
 * answering without the envelope; written here, the envelope does not depend on that dispatch.
 */
public class HeaderSyntaxFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.isBlank() && !isMediaType(type)) {
            ErrorPageServlet.write(response, ErrorCode.REQUEST_MALFORMED, "The Content-Type header '"
                    + Excerpt.of(type, 100)
                    + "' is not a media type (type/subtype, such as application/json)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
