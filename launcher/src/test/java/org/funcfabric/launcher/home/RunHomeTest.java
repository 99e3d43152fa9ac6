package org.funcfabric.launcher.home;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHomeTest {
    @TempDir
    Path dir;

    @Test
    void payaraRootIsEmptiedButNothingElse() throws Exception {
        RunHome home = new RunHome(dir.resolve("var")).create();
        Path outside = Files.writeString(dir.resolve("outside.txt"), "keep");
        Files.createDirectories(home.payaraRoot().resolve("applications/funcfabric"));
        Files.writeString(home.payaraRoot().resolve("applications/funcfabric/index.html"), "x");
        Files.createSymbolicLink(home.payaraRoot().resolve("link"), outside);

        home.resetPayaraRoot();

        assertFalse(Files.exists(home.payaraRoot()));
        assertTrue(Files.exists(outside));
        assertTrue(Files.isDirectory(home.service()));
        home.resetPayaraRoot();
    }

    @Test
    void runHomeCreatesItsLayout() {
        RunHome home = new RunHome(dir.resolve("var")).create();

        for (Path p : new Path[] {home.logs(), home.keys(), home.db(), home.broker(), home.service(), home.endpoints()}) {
            assertTrue(Files.isDirectory(p), p.toString());
        }
    }
}
