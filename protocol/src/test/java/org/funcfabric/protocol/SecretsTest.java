package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void equalSecretsMatch() {
        assertTrue(Secrets.matches("pässword", "pässword"));
    }

    @Test
    void anyDifferenceOrAMissingSideDoesNot() {
        assertFalse(Secrets.matches("password", "passwore"));
        assertFalse(Secrets.matches("password", "password "));
        assertFalse(Secrets.matches("password", null));
        assertFalse(Secrets.matches(null, "password"));
    }
}
