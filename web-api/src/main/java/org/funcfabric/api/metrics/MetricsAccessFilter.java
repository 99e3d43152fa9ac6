package org.funcfabric.api.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.funcfabric.api.Roles;

/**
 * Guards {@code /metrics}. Payara serves MicroProfile Metrics with its own servlet, which it adds to
 * the web application at context root {@code /} — this one — so a filter of this application sees
 * every request to it, after the MP-JWT mechanism has checked any bearer token. Refusals go through
 * {@code sendError}, so they get the API's error envelope (web.xml error pages). Mapped in web.xml,
 * after the revoked-token filter.
 */
public class MetricsAccessFilter extends HttpFilter {
    @Inject
    @ConfigProperty(name = "fabric.metrics.scrape-token")
    Optional<String> scrapeToken;

    private ScrapeAccess access;

    @Override
    public void init() {
        access = new ScrapeAccess(scrapeToken);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        switch (access.decide(request.getHeader("Authorization"), request.getUserPrincipal() != null,
                request.isUserInRole(Roles.ADMIN))) {
            case ALLOW -> chain.doFilter(request, response);
            case FORBIDDEN -> response.sendError(HttpServletResponse.SC_FORBIDDEN);
            case UNAUTHENTICATED -> response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
