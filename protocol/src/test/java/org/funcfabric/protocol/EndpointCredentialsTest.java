package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointCredentialsTest {
    private static final String EP = "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
    private static final String OTHER = "9b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
    private final EndpointCredentials credentials = new EndpointCredentials("k3y");

    @Test
    void userNamesTheEndpointAndGeneration() {
        String user = EndpointCredentials.userFor(EP, 3);
        assertEquals("ep." + EP + ".3", user);
        assertEquals(Optional.of(EP), EndpointCredentials.endpointOf(user));
        assertEquals(Optional.of(3), EndpointCredentials.generationOf(user));
        assertEquals(Optional.empty(), EndpointCredentials.endpointOf("fabric-service"));
        assertEquals(Optional.empty(), EndpointCredentials.endpointOf("ep." + EP + ".0"));
        assertEquals(Optional.empty(), EndpointCredentials.endpointOf("ep." + EP.toUpperCase() + ".1"));
        assertThrows(IllegalArgumentException.class, () -> EndpointCredentials.userFor(EP, 0));
    }

    @Test
    void verifiesOnlyThePasswordDerivedForThatUserAndKey() {
        String user = EndpointCredentials.userFor(EP, 1);
        String password = credentials.passwordFor(user);
        assertTrue(password.matches("[A-Za-z0-9_-]{43}"), password);
        assertTrue(credentials.verify(user, password));
        assertFalse(credentials.verify(EndpointCredentials.userFor(OTHER, 1), password));
        assertFalse(credentials.verify(EndpointCredentials.userFor(EP, 2), password));
        assertFalse(new EndpointCredentials("other").verify(user, password));
        assertFalse(credentials.verify("fabric-service", credentials.passwordFor("fabric-service")));
        assertFalse(credentials.verify(user, null));
    }

    @Test
    void blankKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EndpointCredentials(" "));
    }
}
