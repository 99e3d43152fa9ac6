package org.funcfabric.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void timeOrderedIdsAreVersion7WithTheTimeInTheirFirst48Bits() {
        long at = 1_796_000_000_123L;
        UUID id = Uuids.timeOrdered(at, new SecureRandom());
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at, id.getMostSignificantBits() >>> 16);
        assertEquals(id.toString(), Uuids.canonical(id.toString(), "task"), "canonical text parses back unchanged");
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        SecureRandom random = new SecureRandom();
        String earlier = Uuids.timeOrdered(1_796_000_000_123L, random).toString();
        String later = Uuids.timeOrdered(1_796_000_000_124L, random).toString();
        assertTrue(earlier.compareTo(later) < 0, earlier + " sorts before " + later);
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(Uuids.timeOrdered(1L, random), Uuids.timeOrdered(1L, random));
        assertNotEquals(Uuids.timeOrdered(), Uuids.timeOrdered());
    }

    @Test
    void aMalformedIdIsTheApisBadRequest() {
        FabricException e = assertThrows(FabricException.class, () -> Uuids.canonical("not-a-uuid", "task"));
        assertEquals(ErrorCode.INVALID_UUID, e.code());
    }
}
