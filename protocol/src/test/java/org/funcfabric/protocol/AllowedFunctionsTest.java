package org.funcfabric.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedFunctionsTest {
    private static final String FN = "0b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";
    private static final String OTHER = "9b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b";

    @Test
    void noIdsRestrictNothing() {
        assertSame(AllowedFunctions.ANY, AllowedFunctions.of(null));
        assertSame(AllowedFunctions.ANY, AllowedFunctions.of(List.of()));
        assertSame(AllowedFunctions.ANY, AllowedFunctions.of(List.of("", " ")));
        assertFalse(AllowedFunctions.ANY.isRestricted());
        assertTrue(AllowedFunctions.ANY.permits(FN));
        assertTrue(AllowedFunctions.ANY.permits(null));
        assertEquals("", AllowedFunctions.ANY.toString());
    }

    @Test
    void givenIdsAreTheOnlyOnesPermittedInAnyCase() {
        AllowedFunctions allowed = AllowedFunctions.of(Arrays.asList(" " + OTHER.toUpperCase() + " ", FN, FN, null));

        assertTrue(allowed.isRestricted());
        assertEquals(List.of(FN, OTHER), allowed.ids());
        assertEquals(FN + "," + OTHER, allowed.toString());
        assertTrue(allowed.permits(OTHER));
        assertTrue(allowed.permits(FN.toUpperCase()));
        assertFalse(allowed.permits("1b6a3c1e-5f7d-4d8e-9a0b-1c2d3e4f5a6b"));
        assertFalse(allowed.permits(null));
    }

    @Test
    void anEntryThatIsNotAUuidIsNamed() {
        assertEquals("--allowed-function 'nope' is not a function UUID: fix --allowed-function or"
                + " FABRIC_ALLOWED_FUNCTIONS", assertThrows(IllegalArgumentException.class,
                () -> AllowedFunctions.of(List.of(FN, "nope"))).getMessage());
        // UUID.fromString alone would take this short form
        assertThrows(IllegalArgumentException.class, () -> AllowedFunctions.of(List.of("1-2-3-4-5")));
    }
}
