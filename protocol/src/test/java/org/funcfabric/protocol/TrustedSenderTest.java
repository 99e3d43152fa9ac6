package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrustedSenderTest {
    private final TrustedSender service = new TrustedSender(Destinations.DEFAULT_SERVICE_USER);

    @Test
    void onlyTheServicesOwnUserIsTrusted() {
        assertTrue(service.sent("fabric-service"));
        assertFalse(service.sent(EndpointCredentials.userFor("0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b", 1)));
        assertFalse(service.sent("Fabric-Service"), "broker user names are case-sensitive");
        assertFalse(service.sent(""));
    }

    @Test
    void aMessageWithoutTheBrokersStampIsNotTrusted() {
        assertFalse(service.sent(null));
    }

    @Test
    void theTrustedUserMustBeNamed() {
        assertThrows(IllegalArgumentException.class, () -> new TrustedSender(null));
        assertThrows(IllegalArgumentException.class, () -> new TrustedSender(" "));
    }
}
