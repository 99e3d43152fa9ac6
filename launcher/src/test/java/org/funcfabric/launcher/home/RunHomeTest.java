package org.funcfabric.launcher.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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

    @Test
    void aNewRunDirectoryIsItsOwnersOnly() throws Exception {
        RunHome home = new RunHome(dir.resolve("var")).create();

        for (Path p : new Path[] {home.root(), home.logs(), home.keys(), home.db(), home.broker(), home.endpoints()}) {
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(p), p.toString());
        }
    }

    @Test
    void anExistingRunDirectoryIsMadeItsOwnersOnlyWithoutFollowingLinks() throws Exception {
        Path root = Files.createDirectories(dir.resolve("var"));
        Path db = Files.createDirectories(root.resolve("db"));
        Path data = Files.writeString(db.resolve("fabric.mv.db"), "rows");
        Path log = Files.writeString(Files.createDirectories(root.resolve("logs")).resolve("broker.log"), "lines");
        Path script = Files.writeString(root.resolve("tool.sh"), "#!/bin/sh");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not ours");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        new RunHome(root).create();

        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(root));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(db));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(data));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(log));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(script));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(outside),
                "a link's target outside the run directory was changed");
        assertEquals("rows", Files.readString(data));
    }
}
