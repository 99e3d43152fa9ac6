package org.funcfabric.api.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.funcfabric.api.metrics.ScrapeAccess.Decision;
import org.junit.jupiter.api.Test;

class ScrapeAccessTest {
    private final ScrapeAccess access = new ScrapeAccess(Optional.of("s3cret-token"));

    @Test
    void anAdminTokenPasses() {
        assertEquals(Decision.ALLOW, access.decide("Bearer eyJ…", true, true));
    }

    @Test
    void aTokenWithoutTheAdminRoleIsForbidden() {
        assertEquals(Decision.FORBIDDEN, access.decide("Bearer eyJ…", true, false));
    }

    @Test
    void theScrapeTokenPassesInItsOwnScheme() {
        assertEquals(Decision.ALLOW, access.decide("Scrape s3cret-token", false, false));
        assertEquals(Decision.ALLOW, access.decide("scrape s3cret-token", false, false));
    }

    @Test
    void noCredentialsOrAWrongScrapeTokenIsUnauthenticated() {
        assertEquals(Decision.UNAUTHENTICATED, access.decide(null, false, false));
        assertEquals(Decision.UNAUTHENTICATED, access.decide("Scrape s3cret-tokeN", false, false));
        assertEquals(Decision.UNAUTHENTICATED, access.decide("Scrape ", false, false));
        assertEquals(Decision.UNAUTHENTICATED, access.decide("Basic s3cret-token", false, false));
    }

    @Test
    void withoutAConfiguredScrapeTokenOnlyAdminsPass() {
        ScrapeAccess none = new ScrapeAccess(Optional.of(" "));
        assertEquals(Decision.UNAUTHENTICATED, none.decide("Scrape  ", false, false));
        assertEquals(Decision.UNAUTHENTICATED, none.decide("Scrape ", false, false));
        assertEquals(Decision.ALLOW, none.decide("Bearer eyJ…", true, true));
    }
}
