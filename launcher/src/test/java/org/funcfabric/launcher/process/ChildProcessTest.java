package org.funcfabric.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @TempDir
    Path dir;

    private ChildProcess shell(String script) {
        return new ChildProcess("test", List.of("sh", "-c", script), Map.of("GREETING", "hello"), dir,
                dir.resolve("logs/test.log"));
    }

    @Test
    void outputGoesToTheLogAndStopEndsTheProcess() throws Exception {
        ChildProcess child = shell("echo \"$GREETING\"; echo oops >&2; exec sleep 60");
        child.start();
        Wait.until(() -> LogTail.last(child.logFile(), 5).size() == 2, Duration.ofSeconds(10), child, () -> false);

        assertTrue(child.isStarted());
        assertEquals(List.of("hello", "oops"), LogTail.last(child.logFile(), 5));
        assertTrue(child.stop(Duration.ofSeconds(10)).orElseThrow().startsWith("stopped (exit code"));
        assertFalse(child.isStarted());
    }

    @Test
    void filesTheChildCreatesAreItsOwnersOnly() throws Exception {
        ChildProcess child = shell("umask; echo data > created.txt; mkdir made; echo done");
        child.start();
        Wait.until(() -> LogTail.last(child.logFile(), 5).contains("done"), Duration.ofSeconds(10), child, () -> false);

        assertEquals("0077", LogTail.last(child.logFile(), 5).get(0));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("created.txt")));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.resolve("made")));
        child.stop(Duration.ofSeconds(10));
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAndItsChildrenToo() throws Exception {
        ChildProcess child = shell("sleep 300 & trap '' TERM; echo started; wait");
        child.start();
        Wait.until(() -> !LogTail.last(child.logFile(), 1).isEmpty(), Duration.ofSeconds(10), child, () -> false);
        List<ProcessHandle> descendants = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
        assertFalse(descendants.isEmpty());

        String outcome = child.stop(Duration.ofSeconds(1)).orElseThrow();

        assertTrue(outcome.startsWith("killed after 1 s"), outcome);
        for (ProcessHandle h : descendants) {
            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(h.isAlive());
        }
    }

    @Test
    void waitReportsAChildThatDiesInsteadOfWaitingOutTheDeadline() throws Exception {
        ChildProcess child = shell("echo fatal: bad config; exit 3");
        child.start();

        long t0 = System.nanoTime();
        ChildExitedException e = assertThrows(ChildExitedException.class,
                () -> Wait.until(() -> false, Duration.ofSeconds(30), child, () -> false));

        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        assertEquals("test exited with code 3", e.getMessage());
        assertEquals(List.of("fatal: bad config"), LogTail.last(child.logFile(), 20));
    }

    @Test
    void waitGivesUpAtTheDeadline() throws Exception {
        ChildProcess child = shell("exec sleep 60");
        child.start();
        try {
            assertThrows(TimeoutException.class,
                    () -> Wait.until(() -> false, Duration.ofMillis(600), child, () -> false));
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void thePreviousRunsLogIsKept() throws Exception {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/test.log"), "old run\n");
        ChildProcess child = shell("echo new run");
        child.start();
        child.onExit().get();

        assertEquals(List.of("new run"), LogTail.last(child.logFile(), 5));
        assertEquals("old run\n", Files.readString(dir.resolve("logs/test.log.1")));
    }

    @Test
    void logTailFilters() throws Exception {
        Path log = dir.resolve("service.log");
        Files.writeString(log, "INFO a\nSEVERE b\nINFO c\njava.lang.IllegalStateException: d\n\tat x\n");

        assertEquals(List.of("SEVERE b", "java.lang.IllegalStateException: d"),
                LogTail.last(log, 20, l -> l.contains("SEVERE") || l.contains("Exception")));
        assertEquals(List.of("\tat x"), LogTail.last(log, 1));
        assertEquals(List.of(), LogTail.last(dir.resolve("missing.log"), 5));
    }
}
