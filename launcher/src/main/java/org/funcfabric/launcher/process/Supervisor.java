package org.funcfabric.launcher.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps children running: when a supervised child exits, it is started again after a {@link Backoff}
 * delay, and the log says which one died with which exit code, when it will be restarted and when it
 * is back. Every wait is a task on a scheduler, so {@link #stop()} ends all of them at once: after it
 * returns nothing is restarted any more, which is what a shutdown needs before it stops the children.
 */
public final class Supervisor {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /**
     * Starts a fresh process in place of one that exited.
     */
    @FunctionalInterface
    public interface Relauncher {
        /**
         * @param exited the process that exited
         * @return the started replacement and the condition that tells it is back in service
         * @throws CancellationException when the owner is shutting down: nothing was started
         * @throws IOException           when the program cannot be started; tried again after a back-off
         */
        Relaunched relaunch(ChildProcess exited) throws IOException;
    }

    /** A replacement child, started, and how to tell it is ready. */
    public record Relaunched(ChildProcess child, BooleanSupplier ready) {
    }

    private final Supplier<Backoff> backoffs;
    private final Duration readyPoll;
    private final Consumer<String> log;
    private final ScheduledExecutorService scheduler;
    private volatile boolean stopped;

    /**
     * @param backoffs  a fresh back-off for each supervised child
     * @param readyPoll how often a restarted child's readiness is checked
     * @param log       receives one line per exit, restart and recovery
     */
    public Supervisor(Supplier<Backoff> backoffs, Duration readyPoll, Consumer<String> log) {
        this.backoffs = backoffs;
        this.readyPoll = readyPoll;
        this.log = log;
        // Readiness probes may block for a few seconds (an HTTP request); one thread per child.
        this.scheduler = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "funcfabric-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Restarts {@code child}, started just now, whenever it exits, until {@link #stop()}. */
    public void supervise(ChildProcess child, Relauncher relauncher) {
        watch(new Watched(child.name(), relauncher, backoffs.get()), child, Instant.now());
    }

    /**
     * Ends supervision: no exit is answered and no pending restart happens after this returns. Waits
     * (a few seconds at most) for a restart that is under way, whose relauncher is expected to notice
     * the shutdown itself.
     */
    public void stop() {
        stopped = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Watched(String name, Relauncher relauncher, Backoff backoff) {
    }

    private void watch(Watched w, ChildProcess child, Instant startedAt) {
        child.onExit().thenAccept(c -> exited(w, c, startedAt));
    }

    private void exited(Watched w, ChildProcess child, Instant startedAt) {
        if (stopped) {
            return;
        }
        Instant exitedAt = Instant.now();
        Duration delay;
        synchronized (w) {
            delay = w.backoff().delayAfter(Duration.between(startedAt, exitedAt));
        }
        log.accept(w.name() + " (pid " + child.pid() + ") exited unexpectedly with exit code "
                + child.exitCode().map(String::valueOf).orElse("?") + "; restarting it in " + human(delay));
        schedule(() -> restart(w, child, exitedAt), delay);
    }

    private void restart(Watched w, ChildProcess exited, Instant exitedAt) {
        if (stopped) {
            return;
        }
        Relaunched replacement;
        try {
            replacement = w.relauncher().relaunch(exited);
        } catch (CancellationException e) {
            return;
        } catch (IOException | RuntimeException e) {
            Duration delay;
            synchronized (w) {
                delay = w.backoff().delayAfter(Duration.ZERO);
            }
            log.accept("cannot restart the " + w.name() + " (" + e.getMessage() + "); trying again in " + human(delay));
            schedule(() -> restart(w, exited, exitedAt), delay);
            return;
        }
        watch(w, replacement.child(), Instant.now());
        schedule(() -> awaitReady(w, replacement, exitedAt), Duration.ZERO);
    }

    private void awaitReady(Watched w, Relaunched replacement, Instant exitedAt) {
        // A replacement that dies before it is ready is the exit handler's business.
        if (stopped || !replacement.child().isStarted()) {
            return;
        }
        if (replacement.ready().getAsBoolean()) {
            log.accept(w.name() + " is back (pid " + replacement.child().pid() + "), "
                    + human(Duration.between(exitedAt, Instant.now())) + " after it exited");
            return;
        }
        schedule(() -> awaitReady(w, replacement, exitedAt), readyPoll);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + " s";
        }
        return ms < 1000 ? ms + " ms" : String.format("%.1f s", ms / 1000.0);
    }
}
