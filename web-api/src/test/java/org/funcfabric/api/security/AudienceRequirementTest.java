package org.funcfabric.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudienceRequirementTest {
    @Test
    void aConfiguredAudienceIsEnough() {
        assertEquals(Optional.empty(), AudienceRequirement.problem(Optional.of("funcfabric"), false));
    }

    @Test
    void noAudienceStopsTheDeploymentWithALineNamingBothKeys() {
        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
            String message = AudienceRequirement.problem(missing, false).orElseThrow();
            assertTrue(message.startsWith("mp.jwt.verify.audiences is not set"), message);
            assertTrue(message.contains("fabric.auth.allow-any-audience=true"), message);
        }
    }

    @Test
    void theOptOutAcceptsAnyAudience() {
        assertEquals(Optional.empty(), AudienceRequirement.problem(Optional.empty(), true));
    }
}
