package org.funcfabric.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.funcfabric.core.common.Limits.CodeSize;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void javaCodeLimitAdmitsABase64JarOfTheJarLimitByDefault() {
        CodeSize defaults = new CodeSize(10 * MIB, 10 * MIB);
        // 10 MiB of jar are 13,981,016 characters of base64, plus 64 KiB for the rest of the body.
        assertEquals(13_981_016 + 64 * 1024, defaults.maxCodeBytes("jv"));
        assertEquals(10 * MIB, defaults.maxCodeBytes("sh"));
        assertEquals(10 * MIB, defaults.maxCodeBytes("12"));
        assertEquals(defaults.maxCodeBytes("jv"), defaults.maxCodeBytes());
    }

    @Test
    void javaCodeLimitIsNeverBelowTheFunctionLimit() {
        CodeSize smallJars = new CodeSize(10 * MIB, 1024);
        assertEquals(10 * MIB, smallJars.maxCodeBytes("jv"));
        assertEquals(10 * MIB, smallJars.maxCodeBytes());
    }
}
