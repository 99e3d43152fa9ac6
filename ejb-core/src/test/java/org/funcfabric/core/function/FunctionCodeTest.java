package org.funcfabric.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.funcfabric.core.common.ErrorCode;
import org.funcfabric.core.common.FabricException;
import org.junit.jupiter.api.Test;

class FunctionCodeTest {
    private static final long LIMIT = 1000;

    @Test
    void bareShellCodeIsStoredPacked() {
        FunctionCode code = FunctionCode.normalize("sh\n{\"cmd\": \"true\"}", LIMIT);
        assertEquals("sh", code.header());
        assertEquals("18\nsh\n{\"cmd\": \"true\"}", code.packed());
    }

    @Test
    void packedCodeAsTheSdkSendsItIsKept() {
        String packed = "8\nst\nabcde";
        assertEquals(packed, FunctionCode.normalize(packed, LIMIT).packed());
    }

    @Test
    void unknownHeaderIsSemanticallyInvalid() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("zz\nbody", LIMIT)));
    }

    @Test
    void missingHeaderIsSemanticallyInvalid() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("no header here", LIMIT)));
    }

    @Test
    void twoPackedBuffersAreRefused() {
        assertEquals(ErrorCode.SEMANTICALLY_INVALID, code(() -> FunctionCode.normalize("5\n11\n[]5\n11\n{}", LIMIT)));
    }

    @Test
    void emptyCodeIsAKeyError() {
        assertEquals(ErrorCode.REQUEST_KEY_ERROR, code(() -> FunctionCode.normalize(" ", LIMIT)));
        assertEquals(ErrorCode.REQUEST_KEY_ERROR, code(() -> FunctionCode.normalize(null, LIMIT)));
    }

    @Test
    void oversizedCodeIsTooLarge() {
        assertEquals(ErrorCode.FUNCTION_TOO_LARGE, code(() -> FunctionCode.normalize("sh\n" + "x".repeat(2000), LIMIT)));
    }

    private static ErrorCode code(Runnable r) {
        return assertThrows(FabricException.class, r::run).code();
    }
}
