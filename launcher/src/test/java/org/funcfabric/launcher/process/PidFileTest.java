package org.funcfabric.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void leftoversOfAKilledLauncherAreStoppedAndForgotten() throws Exception {
        Process orphan = new ProcessBuilder("sleep", "60").start();
        PidFile pids = new PidFile(dir.resolve("children.pids"));
        pids.add("broker", orphan.pid());

        List<String> stopped = pids.stopLeftovers(Duration.ofSeconds(5));

        assertEquals(List.of("broker (pid " + orphan.pid() + ") stopped"), stopped);
        assertTrue(orphan.waitFor(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("children.pids")));
    }

    @Test
    void aRecycledPidIsLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            // Same pid, another start time: not the process that was recorded.
            Files.writeString(dir.resolve("children.pids"), "broker " + unrelated.pid() + " 12345\n");

            assertEquals(List.of(), new PidFile(dir.resolve("children.pids")).stopLeftovers(Duration.ofSeconds(1)));
            assertTrue(unrelated.isAlive());
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
