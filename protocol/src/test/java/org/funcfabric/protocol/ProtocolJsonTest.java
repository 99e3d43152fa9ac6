package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {

    @Test
    void taskMessageRoundTrips() {
        TaskMessage m = new TaskMessage(TaskMessage.VERSION, "t", "g", "e", "f", "5\n11\n[]", "p",
                List.of("a"), 10, 42L, 2, 3, 1.5, List.of("ValueError"), 60);
        assertEquals(m, ProtocolJson.fromJson(ProtocolJson.toJson(m), TaskMessage.class));
    }

    @Test
    void resultMessageRoundTrips() {
        ResultMessage m = new ResultMessage(1, "t", "e", "w", ResultMessage.FAILED, null, "boom", 1, 2, 3, 4, 1);
        assertEquals(m, ProtocolJson.fromJson(ProtocolJson.toJson(m), ResultMessage.class));
    }

    @Test
    void malformedJsonIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> ProtocolJson.fromJson("{nope", ResultMessage.class));
    }
}
