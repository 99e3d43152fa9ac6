package org.funcfabric.launcher.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Supervision of real short-lived child processes, with back-off delays in milliseconds. */
class SupervisorTest {
    private static final Pattern RESTARTING = Pattern.compile("exited unexpectedly with exit code (\\d+); restarting it in (\\d+) (ms|s)$");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger relaunches = new AtomicInteger();
    private Supervisor supervisor;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (supervisor != null) {
            supervisor.stop();
        }
        for (ChildProcess child : children) {
            child.stop(Duration.ofSeconds(5));
        }
    }

    private Supervisor supervisor(Duration initial, Duration max, Duration resetAfter) {
        supervisor = new Supervisor(() -> new Backoff(initial, max, resetAfter), Duration.ofMillis(20), log::add);
        return supervisor;
    }

    private ChildProcess started(String script) throws Exception {
        ChildProcess child = new ChildProcess("worker", List.of("sh", "-c", script), Map.of(), dir, dir.resolve("w.log"));
        child.start();
        children.add(child);
        return child;
    }

    private Supervisor.Relaunched relaunch(ChildProcess exited) throws IOException {
        ChildProcess fresh = exited.fresh();
        fresh.start();
        children.add(fresh);
        relaunches.incrementAndGet();
        return new Supervisor.Relaunched(fresh, fresh::isStarted);
    }

    /** The restart delays logged so far, in milliseconds. */
    private List<Long> delays() {
        return log.stream().map(RESTARTING::matcher).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(2)) * (m.group(3).equals("s") ? 1000 : 1)).toList();
    }

    private void awaitDelays(int count) throws Exception {
        ChildProcess watched = started("exec sleep 60");
        try {
            Wait.until(() -> delays().size() >= count, DEADLINE, watched, () -> false);
        } finally {
            watched.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aChildThatKeepsDyingIsRestartedWithDoublingDelays() throws Exception {
        supervisor(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(60))
                .supervise(started("exit 3"), this::relaunch);

        awaitDelays(6);

        assertEquals(List.of(50L, 100L, 200L, 400L, 400L, 400L), delays().subList(0, 6));
        assertTrue(log.get(0).startsWith("worker (pid "), log.get(0));
        Matcher first = RESTARTING.matcher(log.get(0));
        assertTrue(first.find() && first.group(1).equals("3"), "the exit code is in the log: " + log.get(0));
    }

    @Test
    void aChildThatStayedUpLongEnoughStartsOverAtTheShortestDelay() throws Exception {
        supervisor(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(200))
                .supervise(started("sleep 0.3; exit 4"), this::relaunch);

        awaitDelays(4);

        assertEquals(List.of(50L, 50L, 50L, 50L), delays().subList(0, 4));
    }

    @Test
    void aRestartedChildIsReportedBackOnceReady() throws Exception {
        AtomicReference<ChildProcess> replacement = new AtomicReference<>();
        supervisor(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(60))
                .supervise(started("exit 5"), exited -> {
                    // a replacement that stays up, so that it is restarted only once
                    ChildProcess longLived = new ChildProcess(exited.name(), List.of("sleep", "60"), Map.of(), dir,
                            exited.logFile());
                    longLived.start();
                    children.add(longLived);
                    replacement.set(longLived);
                    relaunches.incrementAndGet();
                    return new Supervisor.Relaunched(longLived, () -> true);
                });

        ChildProcess watched = started("exec sleep 60");
        Wait.until(() -> log.stream().anyMatch(l -> l.startsWith("worker is back (pid ")), DEADLINE, watched, () -> false);
        watched.stop(Duration.ofSeconds(5));

        assertEquals(1, relaunches.get());
        assertTrue(log.stream().anyMatch(l -> l.matches("worker is back \\(pid " + replacement.get().pid() + "\\), \\d+ ms after it exited")),
                () -> String.join("\n", log));
    }

    @Test
    void nothingIsRestartedOnceStopped() throws Exception {
        ChildProcess child = started("exec sleep 60");
        supervisor(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60)).supervise(child, this::relaunch);

        supervisor.stop();
        child.stop(Duration.ofSeconds(5));
        child.onExit().get(10, TimeUnit.SECONDS);

        // Restarts run only on the supervisor's scheduler, which stop() has ended.
        assertEquals(0, relaunches.get());
        assertEquals(List.of(), log);
    }

    @Test
    void stopCancelsARestartThatIsWaitingOutItsDelay() throws Exception {
        supervisor(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .supervise(started("exit 3"), this::relaunch);
        awaitDelays(1);

        long t0 = System.nanoTime();
        supervisor.stop();

        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "stop() does not wait out the back-off");
        assertEquals(0, relaunches.get());
    }

    @Test
    void aFailedRelaunchIsTriedAgainAfterTheNextDelay() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        supervisor(Duration.ofMillis(20), Duration.ofMillis(80), Duration.ofSeconds(60))
                .supervise(started("exit 3"), exited -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IOException("no such program");
                    }
                    return relaunch(exited);
                });

        ChildProcess watched = started("exec sleep 60");
        Wait.until(() -> relaunches.get() >= 1, DEADLINE, watched, () -> false);
        watched.stop(Duration.ofSeconds(5));

        assertTrue(log.stream().anyMatch(l -> l.contains("cannot restart the worker (no such program); trying again in 40 ms")),
                () -> String.join("\n", log));
    }
}
