package org.funcfabric.api.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.funcfabric.core.token.TokenRevocations;

/**
 * Refuses a verified bearer token that has been revoked, with 401 {@code INVALID_AUTH_TOKEN} like any
 * other rejected token. A servlet filter, mapped first in web.xml, so that it guards every route of
 * the application — {@code /metrics} too, which is not JAX-RS.
 */
public class RevokedTokenFilter extends HttpFilter {
    @Inject
    private TokenRevocations revocations;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() instanceof JsonWebToken token
                && revocations.isRevoked(token.getTokenID(), token.getSubject(), token.getIssuedAtTime())) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(request, response);
    }
}
