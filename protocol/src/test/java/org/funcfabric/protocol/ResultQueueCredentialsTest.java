package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultQueueCredentialsTest {
    private final ResultQueueCredentials credentials = new ResultQueueCredentials("s3cret");

    @Test
    void derivesUserPasswordAndPrefixFromTheSubject() {
        String user = credentials.userFor("alice");
        assertTrue(user.matches("ffr-[0-9a-f]{32}"), user);
        assertTrue(credentials.passwordFor(user).matches("[A-Za-z0-9_-]{43}"));
        assertEquals("ff.results." + user.substring(4) + ".", credentials.queuePrefixFor("alice"));
    }

    @Test
    void verifiesOnlyTheDerivedPassword() {
        String user = credentials.userFor("alice");
        assertTrue(credentials.verify(user, credentials.passwordFor(user)));
        assertFalse(credentials.verify(user, credentials.passwordFor(credentials.userFor("bob"))));
        assertFalse(new ResultQueueCredentials("other").verify(user, credentials.passwordFor(user)));
        assertEquals(Optional.empty(), ResultQueueCredentials.queuePrefixOf("fabric-service"));
    }
}
