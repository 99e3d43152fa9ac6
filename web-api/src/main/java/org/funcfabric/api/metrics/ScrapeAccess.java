package org.funcfabric.api.metrics;

import java.util.Optional;
import org.funcfabric.protocol.Secrets;

/**
 * Who may read {@code /metrics}: a caller whose bearer token carries the admin role, or a scraper that
 * presents the configured scrape token as {@code Authorization: Scrape <token>}. The scrape token is
 * not a JWT, so it cannot travel as {@code Bearer}: the MP-JWT mechanism refuses every bearer value
 * that is not a valid token before the application sees the request.
 */
public final class ScrapeAccess {
    /** The authorization scheme of the scrape token (Prometheus: {@code authorization: type: Scrape}). */
    public static final String SCHEME = "Scrape";

    public enum Decision {
        ALLOW,
        /** No credentials, or a scrape token that does not match: 401. */
        UNAUTHENTICATED,
        /** A valid token without the admin role: 403. */
        FORBIDDEN
    }

    private final Optional<String> scrapeToken;

    /** @param scrapeToken {@code fabric.metrics.scrape-token}; absent or blank, only admin tokens pass */
    public ScrapeAccess(Optional<String> scrapeToken) {
        this.scrapeToken = scrapeToken.filter(t -> !t.isBlank());
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param authenticated the container verified a bearer token for this request
     * @param admin         that token carries the admin role
     */
    public Decision decide(String authorization, boolean authenticated, boolean admin) {
        if (admin) {
            return Decision.ALLOW;
        }
        if (authenticated) {
            return Decision.FORBIDDEN;
        }
        String prefix = SCHEME + " ";
        if (authorization != null && scrapeToken.isPresent()
                && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                && Secrets.matches(scrapeToken.get(), authorization.substring(prefix.length()).strip())) {
            return Decision.ALLOW;
        }
        return Decision.UNAUTHENTICATED;
    }
}
