package org.funcfabric.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.junit.jupiter.api.Test;

class OpenPerUserTest {
    private final OpenPerUser open = new OpenPerUser(2, "close one first");

    @Test
    void aUserPastTheLimitIsRefusedWhileOthersAreNot() {
        open.reserve("alice");
        open.reserve("alice");
        FabricException refused = assertThrows(FabricException.class, () -> open.reserve("alice"));
        assertEquals(ErrorCode.MAX_REQUESTS_EXCEEDED, refused.code());
        assertEquals("close one first", refused.getMessage());
        open.reserve("bob");
    }

    @Test
    void aReleaseMakesRoomAgain() {
        open.reserve("alice");
        open.reserve("alice");
        open.release("alice");
        open.reserve("alice");
        open.release("alice");
        open.release("alice");
        open.release("alice");
        open.reserve("alice");
        open.reserve("alice");
        assertThrows(FabricException.class, () -> open.reserve("alice"));
    }
}
