package org.funcfabric.core.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationListTest {
    private final RevocationList list = RevocationList.of(List.of(
            TokenRevocation.ofToken("jti-1", 0),
            TokenRevocation.ofSubject("bob", 1_000, 0),
            TokenRevocation.ofSubject("bob", 500, 0)));

    @Test
    void aRevokedJtiIsRevokedWhoeverItBelongsTo() {
        assertTrue(list.revokes("jti-1", "alice", 5_000));
    }

    @Test
    void aUsersTokensIssuedBeforeTheLatestCutOffAreRevokedLaterOnesAreNot() {
        assertTrue(list.revokes("jti-2", "bob", 999));
        assertTrue(list.revokes(null, "bob", 0));
        assertFalse(list.revokes("jti-3", "bob", 1_000));
    }

    @Test
    void otherTokensAndUsersAreUntouched() {
        assertFalse(list.revokes("jti-2", "alice", 1));
        assertFalse(RevocationList.EMPTY.revokes("jti-1", "bob", 1));
    }
}
