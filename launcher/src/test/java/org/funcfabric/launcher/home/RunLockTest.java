package org.funcfabric.launcher.home;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.funcfabric.launcher.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void oneLauncherPerRunDirectory() {
        RunHome home = new RunHome(dir).create();
        RunLock first = RunLock.acquire(home);

        ConfigException e = assertThrows(ConfigException.class, () -> RunLock.acquire(home));
        assertTrue(e.getMessage().startsWith("another `funcfabric up` is running with " + dir), e.getMessage());

        first.release();
        assertDoesNotThrow(() -> RunLock.acquire(home).release());
    }
}
